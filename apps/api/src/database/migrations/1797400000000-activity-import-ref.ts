import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reference a historical workbook gives each activity, so that importing the workbook again
 * updates its activities instead of adding them twice. Unique where set (activities entered by
 * hand have none): two imports of one workbook at once insert each activity once.
 */
export class ActivityImportRef1797400000000 implements MigrationInterface {
  name = 'ActivityImportRef1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activities" ADD "import_ref" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "activities_import_ref_key" ON "activities" ("import_ref") WHERE import_ref IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."activities_import_ref_key"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "import_ref"`);
  }
}
