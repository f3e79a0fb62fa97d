import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP for staff (auth/mfa): when a user turned it on, their encrypted secret with the last
 * accepted time step (no replay), and their single-use recovery codes, hashed.
 */
export class Mfa1797800000000 implements MigrationInterface {
  name = 'Mfa1797800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "user_mfa" ("user_id" uuid NOT NULL, "secret_encrypted" bytea NOT NULL, "last_used_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_user_mfa_user" UNIQUE ("user_id"), CONSTRAINT "PK_user_mfa" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "mfa_recovery_codes" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "user_id" uuid NOT NULL, "code_hash" bytea NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_mfa_recovery_codes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "mfa_recovery_codes_user_hash_key" ON "mfa_recovery_codes" ("user_id", "code_hash")`);
    await queryRunner.query(
      `ALTER TABLE "user_mfa" ADD CONSTRAINT "user_mfa_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(`DROP TABLE "user_mfa"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_enabled_at"`);
  }
}
