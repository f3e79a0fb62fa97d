import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions say whose they are in a column of their own, kept from the session's Passport value:
 * a user's sessions are found (to end them on suspension, or list them as devices) by an index
 * instead of a scan of every session's JSON, and go with the user when the account is deleted.
 */
export class SessionUser1796400000000 implements MigrationInterface {
  name = 'SessionUser1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_sessions" ADD "user_id" uuid`);
    // Sessions of users that no longer exist would break the foreign key; they sign nobody in.
    await queryRunner.query(
      `DELETE FROM "user_sessions" s WHERE s.sess #>> '{passport,user}' IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id::text = s.sess #>> '{passport,user}')`,
    );
    await queryRunner.query(
      `UPDATE "user_sessions" SET "user_id" = (sess #>> '{passport,user}')::uuid WHERE sess #>> '{passport,user}' IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions" ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_sessions" DROP CONSTRAINT "user_sessions_user_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."user_sessions_user_id_idx"`);
    await queryRunner.query(`ALTER TABLE "user_sessions" DROP COLUMN "user_id"`);
  }
}
