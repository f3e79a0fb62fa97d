import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlFile } from '../sql-files.js';

/**
 * Language versions of a course: a family (`family_id`, the original's id; every course so far is
 * the original of its own family) with one version per language, each with its translation status.
 * The foreign key keeps an original while its family has other versions: deleting it is refused.
 * course-versions/v1.sql fills family_id on insert and marks current translations outdated when
 * the original's content changes.
 */
export class CourseVersions1797940000000 implements MigrationInterface {
  name = 'CourseVersions1797940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."translation_status" AS ENUM('original', 'in_progress', 'current', 'outdated')`);
    await queryRunner.query(`ALTER TABLE "courses" ADD "family_id" uuid`);
    await queryRunner.query(`UPDATE "courses" SET "family_id" = "id"`);
    await queryRunner.query(`ALTER TABLE "courses" ALTER COLUMN "family_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "courses" ADD "translation_status" "public"."translation_status" NOT NULL DEFAULT 'original'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "courses_family_language_key" ON "courses" ("family_id", "language") `);
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "courses_family_id_fkey" FOREIGN KEY ("family_id") REFERENCES "courses"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(sqlFile('course-versions/v1.sql'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS lessons_content_changed ON lessons`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS lessons_added_removed ON lessons`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS course_modules_content_changed ON course_modules`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS course_modules_added_removed ON course_modules`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS courses_content_changed ON courses`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS courses_family_default ON courses`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS course_versions_content_changed()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS course_versions_outdate(uuid)`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS course_family_default()`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "courses_family_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."courses_family_language_key"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "translation_status"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "family_id"`);
    await queryRunner.query(`DROP TYPE "public"."translation_status"`);
  }
}
