import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlFile } from '../sql-files.js';

/**
 * The rules of learning as SQL functions (learning-rules/v1.sql): what completes an enrolment, its
 * progress and final score, a certificate's hours and expiry. Until now each was written out in
 * the statements that need it; they now call these, so a rule changes in one place. No data moves.
 */
export class LearningRules1796200000000 implements MigrationInterface {
  name = 'LearningRules1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(sqlFile('learning-rules/v1.sql'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION certificate_expiry(timestamptz, int)`);
    await queryRunner.query(`DROP FUNCTION certificate_hours(int)`);
    await queryRunner.query(`DROP FUNCTION learning_final_score(uuid)`);
    await queryRunner.query(`DROP FUNCTION learning_progress(enrolment_status, int, int)`);
    await queryRunner.query(`DROP FUNCTION learning_tally(uuid, uuid, uuid)`);
  }
}
