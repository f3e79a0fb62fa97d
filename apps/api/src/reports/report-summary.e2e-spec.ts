import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createUser, testDatabaseUrl } from '../../test/test-app.js';
import { createDataSource, dataSourceOptions } from '../database/data-source.js';
import { withDatabase } from '../database/embedded-postgres.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { ReportSummaryEvents1796140000000 } from '../database/migrations/1796140000000-report-summary-events.js';
import { ReportSummary1795480000000 } from '../database/migrations/1795480000000-report-summary.js';
import { sqlDrift, sqlFile } from '../database/sql-files.js';

// The database side of the report: the versioned SQL of its summary, its migrations and its
// rebuild, on this file's own migrated database (no HTTP involved).
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await createDataSource(await testDatabaseUrl()).initialize();
});

afterAll(() => dataSource.destroy());

/** The report summary's functions and triggers, by name, as PostgreSQL prints them back. */
async function reportDefinitions(source: { query(sql: string): Promise<unknown> }): Promise<Record<string, string>> {
  const rows = (await source.query(
    `SELECT 'function ' || p.oid::regprocedure::text AS name, pg_get_functiondef(p.oid) AS definition
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proname LIKE 'report\\_%'
     UNION ALL
     SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass::text, pg_get_triggerdef(t.oid)
       FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgname LIKE 'report\\_%'
      ORDER BY 1`,
  )) as Array<{ name: string; definition: string }>;
  return Object.fromEntries(rows.map((row) => [row.name, row.definition]));
}

describe('the report summary SQL and its drift check', () => {
  it('finds no drift on a freshly migrated database', async () => {
    expect(await sqlDrift(dataSource)).toEqual([]);
  });

  it('reports a trigger function edited by hand, and a trigger dropped by hand', async () => {
    try {
      await dataSource.query(`CREATE OR REPLACE FUNCTION report_certificates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RETURN NULL; END $$`);
      await dataSource.query(`DROP TRIGGER report_users_moved ON users`);
      const drift = await sqlDrift(dataSource);
      expect(drift).toHaveLength(2);
      expect(drift).toEqual(
        expect.arrayContaining([
          expect.stringContaining('function report_certificates_inserted() differs from what the migrations applied'),
          expect.stringContaining('trigger report_users_moved on users is defined by the SQL files but by no migration'),
        ]),
      );
      expect(drift[0]).toContain('report-summary/v1.sql');
    } finally {
      await dataSource.query(sqlFile('report-summary/v1.sql'));
    }
    expect(await sqlDrift(dataSource)).toEqual([]);
  });

  it("down() restores the first migration's definitions exactly, and up() applies v1 again", async () => {
    // A database that has run the migrations up to the first report-summary one only.
    const server = process.env.CTLP_TEST_SERVER_URL!;
    const name = `${process.env.CTLP_TEST_DB_PREFIX!}_old_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    let expected: Record<string, string>;
    try {
      const old = await new DataSource({
        ...dataSourceOptions(withDatabase(server, name), { poolSize: 1 }),
        migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(ReportSummary1795480000000) + 1),
      }).initialize();
      try {
        await old.runMigrations({ transaction: 'each' });
        expected = await reportDefinitions(old);
      } finally {
        await old.destroy();
      }
    } finally {
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    }
    const current = await reportDefinitions(dataSource);
    expect(Object.keys(current)).toContain('function report_enrolment_events(enrolments)');

    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new ReportSummaryEvents1796140000000().down(runner);
      expect(await reportDefinitions(runner)).toEqual(expected);
      await new ReportSummaryEvents1796140000000().up(runner);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await reportDefinitions(dataSource)).toEqual(current);
  });
});

describe('report_summary_rebuild()', () => {
  /** What the triggers kept, without the rows they brought back to zero. */
  const kept = () =>
    Promise.all([
      dataSource.query(`SELECT month, member_state, agency_type, enrolments, completions, certificates FROM report_monthly
                         WHERE enrolments <> 0 OR completions <> 0 OR certificates <> 0 ORDER BY 1, 2, 3`),
      dataSource.query(
        `SELECT user_id, member_state, agency_type, gender, completed::text FROM report_officials WHERE NOT isempty(completed) ORDER BY 1`,
      ),
    ]);

  it('reproduces what the triggers kept after a mixed workload of many-row statements', async () => {
    const owner = await createUser(dataSource, { roles: ['trainer'] });
    const courseIds = [randomUUID(), randomUUID(), randomUUID()];
    await dataSource.query(
      `INSERT INTO courses (id, slug, title, owner_id, status, topics)
       SELECT id, 'rebuild-' || id, 'Course', $2, 'published', '{border}' FROM unnest($1::uuid[]) id`,
      [courseIds, owner.id],
    );
    const states = ['KEN', 'FRA', 'PER', 'IND'];
    const agencies = ['police', 'judiciary', 'prosecution'] as const;
    const genders = ['female', 'male', 'other', 'undisclosed'] as const;
    const officials: string[] = [];
    for (let i = 0; i < 16; i++) {
      const official = await createUser(dataSource, {
        memberState: states[i % states.length],
        agencyType: agencies[i % agencies.length],
        gender: genders[(i * 3) % genders.length],
      });
      officials.push(official.id);
    }
    const [leaver, newcomer] = [officials[15]!, (await createUser(dataSource, { memberState: 'BRA', agencyType: 'border_customs' })).id];
    // One statement: every official in every course, enrolled across month boundaries, two in three completed.
    await dataSource.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at)
       SELECT c, u, CASE WHEN (i + j) % 3 < 2 THEN 'completed'::enrolment_status ELSE 'active' END, 'self',
              timestamptz '2025-10-28T22:00:00Z' + make_interval(days => ((i * 5 + j * 11) % 150)::int, hours => i::int),
              CASE WHEN (i + j) % 3 < 2
                   THEN timestamptz '2025-10-28T22:00:00Z' + make_interval(days => ((i * 5 + j * 11) % 150 + 3 + i)::int, hours => (i + j)::int) END
         FROM unnest($1::uuid[]) WITH ORDINALITY o (u, i), unnest($2::uuid[]) WITH ORDINALITY k (c, j)`,
      [officials, courseIds],
    );
    // One statement: a certificate for three completions in four (none for the official who leaves).
    await dataSource.query(
      `INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, issued_at)
       SELECT e.id, e.user_id, e.course_id, 'CTLP-REBUILD-' || e.id, md5(e.id::text), 'Holder', 'Course', 1, e.completed_at + interval '5 minutes'
         FROM enrolments e
        WHERE e.status = 'completed' AND e.course_id = ANY ($1) AND e.user_id <> $2 AND (extract(epoch FROM e.enrolled_at)::bigint / 86400) % 4 <> 0`,
      [courseIds, leaver],
    );
    const initial = await kept();
    // An update that changes no event (a lesson done) leaves the summary untouched.
    await dataSource.query(`UPDATE enrolments SET last_activity_at = now() WHERE course_id = ANY ($1)`, [courseIds]);
    expect(await kept()).toEqual(initial);

    const uncertified = `NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrolment_id = enrolments.id)`;
    const steps: Array<[string, string, unknown[]]> = [
      [
        'completions, a re-dated start and nothing at all, in one statement',
        `UPDATE enrolments SET
           status = CASE WHEN status = 'active' THEN 'completed'::enrolment_status ELSE status END,
           completed_at = CASE WHEN status = 'active' THEN enrolled_at + interval '40 days' ELSE completed_at END,
           enrolled_at = CASE WHEN (extract(epoch FROM enrolled_at)::bigint / 86400) % 2 = 0 THEN enrolled_at - interval '20 days' ELSE enrolled_at END
         WHERE (extract(epoch FROM enrolled_at)::bigint / 86400) % 3 = 0 AND course_id = ANY ($1)`,
        [courseIds],
      ],
      [
        'completions undone',
        `UPDATE enrolments SET status = 'active', completed_at = NULL
          WHERE id IN (SELECT id FROM enrolments WHERE status = 'completed' AND ${uncertified} AND user_id <> $2 AND course_id = ANY ($1)
                        ORDER BY enrolled_at, id LIMIT 3)`,
        [courseIds, leaver],
      ],
      [
        'completion dates corrected',
        `UPDATE enrolments SET completed_at = completed_at + interval '31 days' WHERE status = 'completed' AND course_id = ANY ($1)`,
        [courseIds],
      ],
      [
        'issue dates corrected',
        `UPDATE certificates SET issued_at = issued_at - interval '45 days' WHERE (extract(epoch FROM issued_at)::bigint / 86400) % 2 = 0 AND course_id = ANY ($1)`,
        [courseIds],
      ],
      [
        'certificates revoked (still counted)',
        `UPDATE certificates SET revoked_at = now(), revoked_reason = 'test' WHERE id IN (SELECT id FROM certificates WHERE course_id = ANY ($1) ORDER BY issued_at, id LIMIT 3)`,
        [courseIds],
      ],
      [
        'certificates deleted',
        `DELETE FROM certificates WHERE id IN (SELECT id FROM certificates WHERE course_id = ANY ($1) ORDER BY issued_at DESC, id LIMIT 3)`,
        [courseIds],
      ],
      [
        'enrolments deleted',
        `DELETE FROM enrolments WHERE id IN (SELECT id FROM enrolments WHERE ${uncertified} AND user_id <> $2 AND course_id = ANY ($1) ORDER BY enrolled_at DESC, id LIMIT 3)`,
        [courseIds, leaver],
      ],
      [
        'an enrolment handed to another official',
        `UPDATE enrolments SET user_id = $2
          WHERE id = (SELECT id FROM enrolments WHERE user_id = $1 AND status = 'completed' AND ${uncertified} LIMIT 1)`,
        [leaver, newcomer],
      ],
      [
        'officials moving State and agency, and correcting their gender',
        `UPDATE users SET member_state = CASE WHEN member_state = 'KEN' THEN 'NGA' ELSE 'KEN' END, agency_type = 'border_customs',
                gender = CASE WHEN gender = 'female' THEN 'male'::gender ELSE 'female' END
          WHERE id = ANY ($1)`,
        [officials.slice(0, 6)],
      ],
      ['an official deleted, their enrolments going by cascade', `DELETE FROM users WHERE id = $1`, [leaver]],
    ];
    const run = async (manager: Pick<DataSource, 'query'>, [what, sql, params]: (typeof steps)[number]) => {
      const [{ n }] = await manager.query(`WITH changed AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM changed`, params);
      expect({ what, changed: n > 0 }).toEqual({ what, changed: true });
    };
    // Half the steps in one transaction, the others one by one.
    await dataSource.transaction(async (manager) => {
      for (const step of steps.slice(0, 5)) await run(manager, step);
    });
    for (const step of steps.slice(5)) await run(dataSource, step);

    const afterWorkload = await kept();
    expect(afterWorkload).not.toEqual(initial);
    expect(afterWorkload[0].length).toBeGreaterThan(20);
    expect(afterWorkload[1].length).toBeGreaterThan(8);
    await dataSource.query(`SELECT report_summary_rebuild()`);
    expect(await kept()).toEqual(afterWorkload);
  });
});
