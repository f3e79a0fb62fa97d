import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data rights: erasure requests (one open per person), when a person's data was erased,
 * and certificates whose holder's name is withheld after an erasure (holder_name null).
 */
export class PersonalDataRights1797820000000 implements MigrationInterface {
  name = 'PersonalDataRights1797820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."erasure_request_status" AS ENUM('open', 'completed', 'refused', 'withdrawn')`);
    await queryRunner.query(
      `CREATE TABLE "erasure_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "status" "public"."erasure_request_status" NOT NULL DEFAULT 'open', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "refusal_reason" text, CONSTRAINT "PK_75acaa00d66ed88c38230c54505" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "erasure_requests_status_idx" ON "erasure_requests"  ("status", "requested_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "erasure_requests_open_key" ON "erasure_requests"  ("user_id") WHERE status = 'open'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "holder_name" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "erasure_requests" DROP CONSTRAINT "erasure_requests_decided_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "erasure_requests" DROP CONSTRAINT "erasure_requests_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "holder_name" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "erased_at"`);
    await queryRunner.query(`DROP INDEX "public"."erasure_requests_open_key"`);
    await queryRunner.query(`DROP INDEX "public"."erasure_requests_status_idx"`);
    await queryRunner.query(`DROP TABLE "erasure_requests"`);
    await queryRunner.query(`DROP TYPE "public"."erasure_request_status"`);
  }
}
