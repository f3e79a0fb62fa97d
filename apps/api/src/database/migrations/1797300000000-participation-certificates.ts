import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates of participation in training activities: a certificate belongs to exactly one
 * completed enrolment or one participant's place in an activity (each unique), so course and
 * enrolment become optional, and so does the holder's account (a participant known only from an
 * attendance list). The activity's days and place are kept as issued.
 */
export class ParticipationCertificates1797300000000 implements MigrationInterface {
  name = 'ParticipationCertificates1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" ADD "activity_participant_id" uuid`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "activity_starts_on" date`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "activity_ends_on" date`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "activity_city" text`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "activity_member_state" character(3)`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "enrolment_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "user_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "course_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_activity_participant_key" ON "certificates"  ("activity_participant_id") `);
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "certificates_kind_chk" CHECK ((enrolment_id IS NULL) <> (activity_participant_id IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "certificates_activity_participant_id_fkey" FOREIGN KEY ("activity_participant_id") REFERENCES "activity_participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "certificates" WHERE "enrolment_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "certificates_activity_participant_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "certificates_kind_chk"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_activity_participant_key"`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "course_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "user_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "enrolment_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "activity_member_state"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "activity_city"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "activity_ends_on"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "activity_starts_on"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "activity_participant_id"`);
  }
}
