import type { MigrationInterface, QueryRunner } from 'typeorm';

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
 * the summary rows.
 */

const month = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'UTC')::date`;

/** Adds the events of `source` (rows with user_id, month, enrolments, completions, certificates, all signed) to report_monthly. */
const applyMonthly = (source: string) => `
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (${source}) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;`;

/** The signed events of enrolment rows: one enrolment in the month it started, one completion in the month it completed. */
const enrolmentEvents = (rows: string, sign: number) => `
      SELECT user_id, ${month('enrolled_at')} AS month, ${sign} AS enrolments, 0 AS completions, 0 AS certificates FROM ${rows}
      UNION ALL
      SELECT user_id, ${month('completed_at')}, 0, ${sign}, 0 FROM ${rows} WHERE status = 'completed' AND completed_at IS NOT NULL`;

const certificateEvents = (rows: string, sign: number) => `
      SELECT user_id, ${month('issued_at')} AS month, 0 AS enrolments, 0 AS completions, ${sign} AS certificates FROM ${rows}`;

/**
 * Reads the completion instants of the officials listed by `users` (a query returning user_id) from
 * their enrolments. `merge` adds them to what is stored: a concurrent transaction may have added
 * an instant this one's snapshot cannot see, and the upsert re-reads the stored row after waiting
 * for it. Without `merge` the stored value is replaced, for the rare change that takes a
 * completion away (an enrolment deleted or un-completed by hand). Officials being deleted (their
 * enrolments go by cascade) no longer join and are skipped: their row goes with them.
 */
const refreshOfficials = (users: string, merge: boolean) => `
    INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
    SELECT a.user_id, u.member_state, u.agency_type, u.gender,
           coalesce((SELECT range_agg(tstzrange(e.completed_at, e.completed_at, '[]')) FROM enrolments e
                      WHERE e.user_id = a.user_id AND e.status = 'completed' AND e.completed_at IS NOT NULL), '{}')
      FROM (SELECT DISTINCT user_id FROM (${users}) x) a
      JOIN users u ON u.id = a.user_id
     ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET completed = ${merge ? 'o.completed + EXCLUDED.completed' : 'EXCLUDED.completed'};`;

const completedUsers = (rows: string) => `SELECT user_id FROM ${rows} WHERE status = 'completed'`;

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

    await queryRunner.query(`CREATE FUNCTION report_enrolments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyMonthly(enrolmentEvents('new_rows', 1))}
    ${refreshOfficials(completedUsers('new_rows'), true)}
    RETURN NULL;
  END $$`);
    await queryRunner.query(`CREATE FUNCTION report_enrolments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Most updates of these columns change nothing the report counts (a lesson done, no completion).
    IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (n.user_id, n.enrolled_at, n.status, n.completed_at) IS DISTINCT FROM (o.user_id, o.enrolled_at, o.status, o.completed_at)) THEN
      RETURN NULL;
    END IF;
    ${applyMonthly(`${enrolmentEvents('new_rows', 1)} UNION ALL ${enrolmentEvents('old_rows', -1)}`)}
    ${refreshOfficials(
      `SELECT o.user_id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
        WHERE o.status = 'completed' AND (n.status IS DISTINCT FROM 'completed' OR n.completed_at IS DISTINCT FROM o.completed_at OR n.user_id <> o.user_id)`,
      false,
    )}
    ${refreshOfficials(completedUsers('new_rows'), true)}
    RETURN NULL;
  END $$`);
    await queryRunner.query(`CREATE FUNCTION report_enrolments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyMonthly(enrolmentEvents('old_rows', -1))}
    ${refreshOfficials(completedUsers('old_rows'), false)}
    RETURN NULL;
  END $$`);
    await queryRunner.query(`CREATE FUNCTION report_certificates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyMonthly(certificateEvents('new_rows', 1))}
    RETURN NULL;
  END $$`);
    await queryRunner.query(`CREATE FUNCTION report_certificates_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyMonthly(`${certificateEvents('new_rows', 1)} UNION ALL ${certificateEvents('old_rows', -1)}`)}
    RETURN NULL;
  END $$`);
    await queryRunner.query(`CREATE FUNCTION report_certificates_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyMonthly(certificateEvents('old_rows', -1))}
    RETURN NULL;
  END $$`);
    // An official moving State or agency (or correcting their gender) takes their whole history
    // along: counted where they are now, as a report read from the rows would.
    await queryRunner.query(`CREATE FUNCTION report_users_moved() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE report_officials o SET member_state = n.member_state, agency_type = n.agency_type, gender = n.gender
      FROM new_users n
     WHERE o.user_id = n.id AND (o.member_state, o.agency_type, o.gender) IS DISTINCT FROM (n.member_state, n.agency_type, n.gender);
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, d.member_state, d.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
        SELECT ev.month, side.member_state, side.agency_type, side.sign * ev.enrolments AS enrolments,
               side.sign * ev.completions AS completions, side.sign * ev.certificates AS certificates
          FROM (SELECT o.id, o.member_state AS old_state, o.agency_type AS old_agency, n.member_state AS new_state, n.agency_type AS new_agency
                  FROM old_users o JOIN new_users n ON n.id = o.id
                 WHERE (o.member_state, o.agency_type) IS DISTINCT FROM (n.member_state, n.agency_type)) m
          CROSS JOIN LATERAL (VALUES (m.old_state, m.old_agency, -1), (m.new_state, m.new_agency, 1)) side (member_state, agency_type, sign)
          JOIN LATERAL (${enrolmentEvents('enrolments', 1)}
                        UNION ALL ${certificateEvents('certificates', 1)}) ev ON ev.user_id = m.id
      ) d
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    RETURN NULL;
  END $$`);
    // Before the row goes: its enrolments are deleted by the cascade after it, when the official
    // can no longer be joined, so their counts are taken out here.
    await queryRunner.query(`CREATE FUNCTION report_user_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyMonthly(`SELECT * FROM (${enrolmentEvents('enrolments', -1)} UNION ALL ${certificateEvents('certificates', -1)}) ev WHERE ev.user_id = OLD.id`)}
    RETURN OLD;
  END $$`);

    await queryRunner.query(
      `CREATE TRIGGER report_enrolments_inserted AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_inserted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_enrolments_updated AFTER UPDATE ON enrolments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_updated()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_enrolments_deleted AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_deleted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_certificates_inserted AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_inserted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_certificates_updated AFTER UPDATE ON certificates REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_updated()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_certificates_deleted AFTER DELETE ON certificates REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_deleted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_users_moved AFTER UPDATE ON users REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION report_users_moved()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_user_deleting BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION report_user_deleting()`,
    );

    // Rebuilds both from the rows: fills them for the data already there, and lets an operator (or a
    // test) check that what the triggers kept equals what the rows say.
    await queryRunner.query(`CREATE FUNCTION report_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM report_monthly;
    DELETE FROM report_officials;
    ${applyMonthly(`${enrolmentEvents('enrolments', 1)} UNION ALL ${certificateEvents('certificates', 1)}`)}
    ${refreshOfficials(completedUsers('enrolments'), false)}
  END $$`);
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
