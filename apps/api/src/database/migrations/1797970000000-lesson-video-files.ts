import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A video lesson's own video files, beside (or instead of) its video address: each rendition
 * (standard, low, audio) a file under DATA_DIR/uploads, `{ storedName, fileName, contentType, size }`.
 * Null: none uploaded.
 */
export class LessonVideoFiles1797970000000 implements MigrationInterface {
  name = 'LessonVideoFiles1797970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lessons" ADD "video" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lessons" DROP COLUMN "video"`);
  }
}
