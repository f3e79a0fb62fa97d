import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlFile } from '../sql-files.js';

/**
 * What the member-state report reads instead of scanning every enrolment: kept right by triggers
 * in the transaction that changes enrolments, certificates or officials, so no code path (the API,
 * a bulk import, a hand-run SQL fix) can leave it behind.
 *
 * - report_monthly: enrolments, completions and certificates per UTC month, Member State and
 *   agency type. The report sums the whole months of its period from it and counts the partial
 *   months at either end from the rows themselves.
 * - report_officials: each official's completion instants as a multirange (with their State,
 *   agency and gender), so "officials with a completion in [from, to)" is one overlap test per
 *   official, for any period, counted once.
 *
 * Statement-level triggers with transition tables: a statement touching a million rows makes one
 * aggregated upsert, and upserts go in key order, so concurrent transactions cannot deadlock on
 * the summary rows. The functions and triggers are replaced by later versions of
 * `sql/report-summary/` (see src/reports/README.md).
 */
export class ReportSummary1795480000000 implements MigrationInterface {
  name = 'ReportSummary1795480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The partial months at the ends of a period are read by time.
    await queryRunner.query(`CREATE INDEX "enrolments_enrolled_at_idx" ON "enrolments" ("enrolled_at") `);
    await queryRunner.query(`CREATE INDEX "enrolments_completed_at_idx" ON "enrolments" ("completed_at") `);
    await queryRunner.query(`CREATE INDEX "certificates_issued_at_idx" ON "certificates" ("issued_at") `);

    await queryRunner.query(`CREATE TABLE report_monthly (
      month date NOT NULL,
      member_state char(3) NOT NULL REFERENCES member_states (code),
      agency_type agency_type NOT NULL,
      enrolments integer NOT NULL,
      completions integer NOT NULL,
      certificates integer NOT NULL,
      PRIMARY KEY (month, member_state, agency_type))`);
    // The official's State, agency and gender are copied (and kept by report_users_moved): the
    // report then reads one narrow table instead of joining 100,000 officials.
    await queryRunner.query(`CREATE TABLE report_officials (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      member_state char(3) NOT NULL,
      agency_type agency_type NOT NULL,
      gender gender NOT NULL,
      completed tstzmultirange NOT NULL)`);

    // The functions and triggers, as this migration first generated them from TypeScript templates:
    // frozen verbatim in v0.sql, so existing and new databases get the same objects.
    await queryRunner.query(sqlFile('report-summary/v0.sql'));
    await queryRunner.query(`SELECT report_summary_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['report_user_deleting', 'users'],
      ['report_users_moved', 'users'],
      ['report_certificates_deleted', 'certificates'],
      ['report_certificates_updated', 'certificates'],
      ['report_certificates_inserted', 'certificates'],
      ['report_enrolments_deleted', 'enrolments'],
      ['report_enrolments_updated', 'enrolments'],
      ['report_enrolments_inserted', 'enrolments'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${trigger}()`);
    }
    await queryRunner.query(`DROP FUNCTION report_summary_rebuild()`);
    await queryRunner.query(`DROP TABLE report_officials`);
    await queryRunner.query(`DROP TABLE report_monthly`);
    await queryRunner.query(`DROP INDEX "public"."certificates_issued_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_completed_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_enrolled_at_idx"`);
  }
}
