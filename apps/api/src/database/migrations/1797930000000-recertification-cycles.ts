import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recertification: an enrolment is one cycle of a (user, course) history. The current cycle is
 * the one not superseded, one per (user, course); each cycle has its number once.
 */
export class RecertificationCycles1797930000000 implements MigrationInterface {
  name = 'RecertificationCycles1797930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "cycle" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "superseded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_cycle_chk" CHECK (cycle >= 1)`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_user_course_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "enrolments_user_course_key" ON "enrolments" ("user_id", "course_id") WHERE superseded_at IS NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "enrolments_user_course_cycle_key" ON "enrolments" ("user_id", "course_id", "cycle") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the current cycles can stay under the old one-per-(user, course) index.
    await queryRunner.query(
      `DELETE FROM "certificates" WHERE enrolment_id IN (SELECT id FROM "enrolments" WHERE superseded_at IS NOT NULL)`,
    );
    await queryRunner.query(`DELETE FROM "enrolments" WHERE superseded_at IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_user_course_cycle_key"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_user_course_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "enrolments_user_course_key" ON "enrolments" ("user_id", "course_id") `);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_cycle_chk"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "superseded_at"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "cycle"`);
  }
}
