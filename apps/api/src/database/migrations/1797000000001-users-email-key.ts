import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts by email key (the NFKC-normalised, trimmed, lower-cased address participants match
 * on): placing thousands of listed people looks their accounts up through it, not by reading
 * every user. An expression index, which the entity cannot declare (and the drift check ignores).
 */
export class UsersEmailKey1797000000001 implements MigrationInterface {
  name = 'UsersEmailKey1797000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "users_email_key_idx" ON "users" (lower(normalize(btrim(email), NFKC)))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_email_key_idx"`);
  }
}
