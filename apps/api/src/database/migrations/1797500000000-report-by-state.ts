import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report of one State (a focal point's) or of a region reads its States' rows through these
 * indexes instead of every State's (over 1,000,000 enrolments, those reads made such a report 2 to
 * 3 times slower than before activities, src/reports/README.md):
 * - report_people by State: the people of the State, a few hundred rows of 60,000;
 * - report_course_monthly by State and month: the courses completed in the States and period (the
 *   headline's course count), instead of probing each course once per State.
 * What counts does not change.
 */
export class ReportByState1797500000000 implements MigrationInterface {
  name = 'ReportByState1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX report_people_member_state_idx ON report_people (member_state)`);
    await queryRunner.query(
      `CREATE INDEX report_course_monthly_state_idx ON report_course_monthly (member_state, month, agency_type, course_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX report_course_monthly_state_idx`);
    await queryRunner.query(`DROP INDEX report_people_member_state_idx`);
  }
}
