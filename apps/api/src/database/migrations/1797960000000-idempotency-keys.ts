import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys: a learner's write sent with `Idempotency-Key` (the web app's offline queue
 * replays them) is stored with its answer in the write's transaction, so a replay answers it
 * again and writes nothing. Kept 7 days (pruned hourly by a job).
 */
export class IdempotencyKeys1797960000000 implements MigrationInterface {
  name = 'IdempotencyKeys1797960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "route" character varying(100) NOT NULL, "fingerprint" character(64) NOT NULL, "status" integer, "body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" ("created_at") `);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_user_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
