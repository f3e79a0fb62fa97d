import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlFile } from '../sql-files.js';

/**
 * The report summary's functions and triggers from a versioned SQL file, with what counts as a
 * report event defined once (report_enrolment_events, report_certificate_events) and read by the
 * triggers, the rebuild and the report's queries. The counts they keep are the same as before, so
 * the summary already stored stays right and is not rebuilt.
 */
export class ReportSummaryEvents1796140000000 implements MigrationInterface {
  name = 'ReportSummaryEvents1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(sqlFile('report-summary/v1.sql'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The definitions as the first migration left them, then the functions v1 added.
    await queryRunner.query(sqlFile('report-summary/v0.sql'));
    await queryRunner.query(`DROP FUNCTION report_officials_refresh(uuid[], boolean)`);
    await queryRunner.query(`DROP FUNCTION report_certificate_events(certificates)`);
    await queryRunner.query(`DROP FUNCTION report_enrolment_events(enrolments)`);
    await queryRunner.query(`DROP FUNCTION report_month(timestamptz)`);
  }
}
