import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlFile } from '../sql-files.js';

/**
 * The report counts training activities beside online courses (report-summary/v2.sql, see
 * src/reports/README.md):
 * - report_people replaces report_officials: one row per person (an account, or a participant
 *   known only from attendance lists, keyed by the participant's id) with their online completion
 *   instants and their activity completion instants, so a person trained both ways counts once;
 * - report_course_monthly: online completions per course, State, month and agency (for the number
 *   of courses with a completion in a period, which no other summary can tell);
 * - report_attendance_monthly: participants' present days per UTC month, State and agency (null
 *   when an attendance list did not say, hence a unique index whose nulls are not distinct
 *   instead of a primary key).
 * What counts changes (activities, certificates of an enrolment only), so the summary is rebuilt.
 */
export class ReportActivities1797200000000 implements MigrationInterface {
  name = 'ReportActivities1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Copies of the person's State, agency and gender (kept by the triggers): the report reads
    // one narrow table instead of joining officials and participants.
    await queryRunner.query(`CREATE TABLE report_people (
      person_key uuid PRIMARY KEY,
      user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      member_state char(3) NOT NULL,
      agency_type agency_type,
      gender gender NOT NULL,
      completed tstzmultirange NOT NULL DEFAULT '{}',
      attended tstzmultirange NOT NULL DEFAULT '{}')`);
    // No foreign key to courses: a course deleted takes its enrolments along, whose trigger then
    // takes their completions out of the rows here.
    await queryRunner.query(`CREATE TABLE report_course_monthly (
      course_id uuid NOT NULL,
      member_state char(3) NOT NULL REFERENCES member_states (code),
      month date NOT NULL,
      agency_type agency_type NOT NULL,
      completions integer NOT NULL,
      PRIMARY KEY (course_id, member_state, month, agency_type))`);
    await queryRunner.query(`CREATE TABLE report_attendance_monthly (
      month date NOT NULL,
      member_state char(3) NOT NULL REFERENCES member_states (code),
      agency_type agency_type,
      participant_days integer NOT NULL)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX report_attendance_monthly_key ON report_attendance_monthly (month, member_state, agency_type) NULLS NOT DISTINCT`,
    );
    await queryRunner.query(sqlFile('report-summary/v2.sql'));
    await queryRunner.query(`DROP FUNCTION report_officials_refresh(uuid[], boolean)`);
    await queryRunner.query(`DROP TABLE report_officials`);
    await queryRunner.query(`SELECT report_summary_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE report_officials (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      member_state char(3) NOT NULL,
      agency_type agency_type NOT NULL,
      gender gender NOT NULL,
      completed tstzmultirange NOT NULL)`);
    await queryRunner.query(sqlFile('report-summary/v1.sql'));
    for (const [trigger, table] of [
      ['report_attendance_deleted', 'activity_attendance'],
      ['report_attendance_updated', 'activity_attendance'],
      ['report_attendance_inserted', 'activity_attendance'],
      ['report_participations_deleted', 'activity_participants'],
      ['report_participation_deleting', 'activity_participants'],
      ['report_participations_updated', 'activity_participants'],
      ['report_participations_inserted', 'activity_participants'],
      ['report_participants_deleted', 'participants'],
      ['report_participant_deleting', 'participants'],
      ['report_participants_updated', 'participants'],
      ['report_activity_deleting', 'activities'],
      ['report_activities_updated', 'activities'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${trigger}()`);
    }
    for (const fn of [
      'report_account_count(users[], users[])',
      'report_participant_count(participants[], participants[])',
      'report_activity_count(activities[], activities[])',
      'report_participation_count(activity_participants[], activity_participants[])',
      'report_attendance_count(activity_attendance[], activity_attendance[])',
      'report_participant_keys(uuid[])',
      'report_people_attended_refresh(uuid[])',
      'report_people_completed_refresh(uuid[], boolean)',
      'report_person(participants, users)',
      'report_attended_at(activity_attendance, activity_participants, activities)',
      'report_completed_at(activity_participants, activities)',
      'report_activity_states(activities)',
      'report_day(date)',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
    await queryRunner.query(`DROP TABLE report_attendance_monthly`);
    await queryRunner.query(`DROP TABLE report_course_monthly`);
    await queryRunner.query(`DROP TABLE report_people`);
    await queryRunner.query(`SELECT report_summary_rebuild()`);
  }
}
