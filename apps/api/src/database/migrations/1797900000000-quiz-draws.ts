import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Question pools: each attempt stores the questions drawn for it (as shown) and its outcome per
 * question; quiz_draws holds the attempt in progress, one per enrolment and quiz, with a deadline
 * on timed quizzes. Attempts from before keep null draw and results.
 */
export class QuizDraws1797900000000 implements MigrationInterface {
  name = 'QuizDraws1797900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "quiz_draws" ("enrolment_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "attempt_number" integer NOT NULL, "draw" jsonb NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deadline_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_bb57c4b2b68dd4b67715cd56022" PRIMARY KEY ("enrolment_id", "lesson_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "quiz_draws_lesson_idx" ON "quiz_draws"  ("lesson_id") `);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "draw" jsonb`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "results" jsonb`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" ADD "timed_out" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "quiz_draws" ADD CONSTRAINT "quiz_draws_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quiz_draws" ADD CONSTRAINT "quiz_draws_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quiz_draws" DROP CONSTRAINT "quiz_draws_lesson_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "quiz_draws" DROP CONSTRAINT "quiz_draws_enrolment_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "timed_out"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "started_at"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "results"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP COLUMN "draw"`);
    await queryRunner.query(`DROP INDEX "public"."quiz_draws_lesson_idx"`);
    await queryRunner.query(`DROP TABLE "quiz_draws"`);
  }
}
