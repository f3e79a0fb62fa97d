import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login limits per (account, network) instead of per account (auth/login-limits.ts): the pair's
 * failures are read through an index on both, and the per-account index has no reader left.
 * Sessions keep what the user's list of devices shows — when, from which browser and address
 * they signed in — written once, when the session is saved at sign-in.
 */
export class LoginLimitsDevices1796650000000 implements MigrationInterface {
  name = 'LoginLimitsDevices1796650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."login_failures_account_idx"`);
    await queryRunner.query(`CREATE INDEX "login_failures_pair_idx" ON "login_failures"  ("account", "address", "created_at") `);
    await queryRunner.query(`ALTER TABLE "user_sessions" ADD "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Sessions end 12 hours after sign-in, never extended: that is when the existing ones began.
    await queryRunner.query(`UPDATE "user_sessions" SET "created_at" = "expire" - interval '12 hours'`);
    await queryRunner.query(`ALTER TABLE "user_sessions" ADD "user_agent" text`);
    await queryRunner.query(`ALTER TABLE "user_sessions" ADD "address" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_sessions" DROP COLUMN "address"`);
    await queryRunner.query(`ALTER TABLE "user_sessions" DROP COLUMN "user_agent"`);
    await queryRunner.query(`ALTER TABLE "user_sessions" DROP COLUMN "created_at"`);
    await queryRunner.query(`DROP INDEX "public"."login_failures_pair_idx"`);
    await queryRunner.query(`CREATE INDEX "login_failures_account_idx" ON "login_failures" USING btree ("account", "created_at") `);
  }
}
