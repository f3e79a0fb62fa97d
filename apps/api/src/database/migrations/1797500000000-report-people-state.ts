import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * report_people by State: a focal point's report (one State) or a region's reads the people of
 * those States through this index instead of every person's row (60,000 rows over 1,000,000
 * enrolments: a one-State report spent most of its time on that scan, more than with
 * report_officials before it, whose rows were narrower). What counts does not change.
 */
export class ReportPeopleState1797500000000 implements MigrationInterface {
  name = 'ReportPeopleState1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX report_people_member_state_idx ON report_people (member_state)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX report_people_member_state_idx`);
  }
}
