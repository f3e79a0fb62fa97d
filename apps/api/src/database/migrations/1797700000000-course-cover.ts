import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A course's cover image: the names of its WebP renditions under DATA_DIR/uploads and the version
 * that its URLs carry (courses/course-cover.ts). Null: no cover, the web app draws a placeholder.
 */
export class CourseCover1797700000000 implements MigrationInterface {
  name = 'CourseCover1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "courses" ADD "cover" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "cover"`);
  }
}
