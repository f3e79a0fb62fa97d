import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlFile } from '../sql-files.js';

/**
 * Learning that measures itself, the pre/post-test and evaluation half:
 * - enrolments keep the first score of the course's pre-test and post-test (the knowledge gain is
 *   post − pre) and when the post-test score was recorded (the report counts it in that period);
 * - a course has at most one pre-test and one post-test (a quiz's `purpose` in its jsonb);
 * - learning-rules/v3.sql: a pre-test does not count in the final score;
 * - the evaluation questionnaire: its items per course, the anonymous responses (no user, no
 *   enrolment, the month only) and, apart and unlinked, which enrolments have answered.
 */
export class MeasuredLearning1797910000000 implements MigrationInterface {
  name = 'MeasuredLearning1797910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD "pre_test_score" numeric(5,2), ADD "post_test_score" numeric(5,2), ADD "post_test_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`CREATE INDEX "enrolments_post_test_at_idx" ON "enrolments" ("post_test_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "lessons_course_purpose_key" ON "lessons" ("course_id", ("quiz" ->> 'purpose')) WHERE "quiz" ->> 'purpose' IN ('pre_test', 'post_test')`,
    );
    await queryRunner.query(sqlFile('learning-rules/v3.sql'));

    await queryRunner.query(`CREATE TYPE "public"."evaluation_item_kind" AS ENUM('likert', 'text')`);
    await queryRunner.query(
      `CREATE TABLE "evaluation_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "position" integer NOT NULL, "kind" "public"."evaluation_item_kind" NOT NULL, "prompt" text NOT NULL, CONSTRAINT "evaluation_items_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "evaluation_items_course_idx" ON "evaluation_items" ("course_id", "position") `);
    await queryRunner.query(
      `ALTER TABLE "evaluation_items" ADD CONSTRAINT "evaluation_items_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluation_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "month" date NOT NULL, "answers" jsonb NOT NULL, CONSTRAINT "evaluation_responses_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "evaluation_responses_course_idx" ON "evaluation_responses" ("course_id") `);
    await queryRunner.query(
      `ALTER TABLE "evaluation_responses" ADD CONSTRAINT "evaluation_responses_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluation_submissions" ("enrolment_id" uuid NOT NULL, "month" date NOT NULL, CONSTRAINT "evaluation_submissions_pkey" PRIMARY KEY ("enrolment_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_submissions" ADD CONSTRAINT "evaluation_submissions_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evaluation_submissions"`);
    await queryRunner.query(`DROP TABLE "evaluation_responses"`);
    await queryRunner.query(`DROP TABLE "evaluation_items"`);
    await queryRunner.query(`DROP TYPE "public"."evaluation_item_kind"`);
    await queryRunner.query(sqlFile('learning-rules/v2.sql'));
    await queryRunner.query(`DROP INDEX "public"."lessons_course_purpose_key"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_post_test_at_idx"`);
    await queryRunner.query(
      `ALTER TABLE "enrolments" DROP COLUMN "post_test_at", DROP COLUMN "post_test_score", DROP COLUMN "pre_test_score"`,
    );
  }
}
