import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal API tokens (auth/api-token.entity.ts): admins and focal points script report exports
 * with them. Only the token's SHA-256 is stored.
 */
export class ApiTokens1797810000000 implements MigrationInterface {
  name = 'ApiTokens1797810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."api_token_scope" AS ENUM('reports:read')`);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "token_hash" bytea NOT NULL, "scopes" "public"."api_token_scope" array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_api_tokens_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens" ("user_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP TYPE "public"."api_token_scope"`);
  }
}
