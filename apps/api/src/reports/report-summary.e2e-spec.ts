import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { keptAndRebuilt, keptSummary } from '../../test/report-summary.js';
import { createUser, testDatabaseUrl } from '../../test/test-app.js';
import { createDataSource, dataSourceOptions } from '../database/data-source.js';
import { withDatabase } from '../database/embedded-postgres.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { ReportSummaryEvents1796140000000 } from '../database/migrations/1796140000000-report-summary-events.js';
import { ReportSummary1795480000000 } from '../database/migrations/1795480000000-report-summary.js';
import { Activities1796900000000 } from '../database/migrations/1796900000000-activities.js';
import { ReportActivities1797200000000 } from '../database/migrations/1797200000000-report-activities.js';
import { ReportByState1797500000000 } from '../database/migrations/1797500000000-report-by-state.js';
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
     UNION ALL
     SELECT 'table ' || c.relname,
            string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'report\\_%'
      GROUP BY c.relname
     UNION ALL
     SELECT 'index ' || i.relname, pg_get_indexdef(i.oid)
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname LIKE 'report\\_%'
      ORDER BY 1`,
  )) as Array<{ name: string; definition: string }>;
  return Object.fromEntries(rows.map((row) => [row.name, row.definition]));
}

/** The report definitions of a new database that has run the migrations up to `last` only. */
async function definitionsUpTo(last: (typeof MIGRATIONS)[number]): Promise<Record<string, string>> {
  const server = process.env.CTLP_TEST_SERVER_URL!;
  const name = `${process.env.CTLP_TEST_DB_PREFIX!}_old_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const old = await new DataSource({
      ...dataSourceOptions(withDatabase(server, name), { poolSize: 1 }),
      migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(last) + 1),
    }).initialize();
    try {
      await old.runMigrations({ transaction: 'each' });
      return await reportDefinitions(old);
    } finally {
      await old.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
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
      expect(drift[0]).toContain('report-summary/v2.sql');
    } finally {
      await dataSource.query(sqlFile('report-summary/v2.sql'));
    }
    expect(await sqlDrift(dataSource)).toEqual([]);
  });

  it("each report-summary migration's down() restores the definitions of the one before exactly, and up() applies it again", async () => {
    const afterActivities = await definitionsUpTo(Activities1796900000000);
    const afterFirst = await definitionsUpTo(ReportSummary1795480000000);
    const current = await reportDefinitions(dataSource);
    expect(Object.keys(current)).toContain('function report_person(participants,users)');
    expect(Object.keys(current)).toContain('table report_people');
    expect(Object.keys(current)).toContain('index report_people_member_state_idx');

    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new ReportByState1797500000000().down(runner);
      await new ReportActivities1797200000000().down(runner);
      expect(await reportDefinitions(runner)).toEqual(afterActivities);
      await new ReportSummaryEvents1796140000000().down(runner);
      expect(await reportDefinitions(runner)).toEqual(afterFirst);
      await new ReportSummaryEvents1796140000000().up(runner);
      await new ReportActivities1797200000000().up(runner);
      await new ReportByState1797500000000().up(runner);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await reportDefinitions(dataSource)).toEqual(current);
  });
});

describe('report_summary_rebuild()', () => {
  const kept = () => keptSummary(dataSource) as Promise<Record<'monthly' | 'people' | 'courses' | 'attendance', unknown[]>>;

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
    expect(afterWorkload.monthly.length).toBeGreaterThan(20);
    expect(afterWorkload.people.length).toBeGreaterThan(8);
    expect(afterWorkload.courses.length).toBeGreaterThan(20);
    await dataSource.query(`SELECT report_summary_rebuild()`);
    expect(await kept()).toEqual(afterWorkload);
  });

  it('follows training activities through every kind of edit and re-import, as a rebuild from the rows would', async () => {
    const organiser = await createUser(dataSource, { roles: ['trainer'], memberState: 'FRA' });
    const official = (
      memberState: string,
      agencyType: 'police' | 'judiciary' | 'prosecution',
      gender: 'female' | 'male' | 'other',
      status: 'active' | 'pending' | 'rejected' = 'active',
    ) => createUser(dataSource, { memberState, agencyType, gender, status }).then((u) => u.id);
    const users = {
      k1: await official('KEN', 'police', 'female'),
      k2: await official('KEN', 'judiciary', 'male'),
      u1: await official('UGA', 'prosecution', 'other'),
      f1: await official('FRA', 'police', 'male'),
      pending: await official('KEN', 'police', 'female', 'pending'),
      rejected: await official('UGA', 'judiciary', 'male', 'rejected'),
      later: await official('TZA', 'judiciary', 'female'),
    };
    // k1 and f1 also completed an online course: one person each, online and in activities.
    const [{ id: courseId }] = await dataSource.query(
      `INSERT INTO courses (slug, title, owner_id, status, topics) VALUES ('activities-online', 'Course', $1, 'published', '{border}') RETURNING id`,
      [organiser.id],
    );
    await dataSource.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at)
       SELECT $1, u, 'completed', 'self', '2026-02-01T08:00:00Z', '2026-03-03T09:00:00Z' FROM unnest($2::uuid[]) u`,
      [courseId, [users.k1, users.f1]],
    );
    const activity = async (status: string, venue: string | null, states: string[], startsOn: string, endsOn: string) =>
      (
        await dataSource.query(
          `INSERT INTO activities (kind, title, delivery, starts_on, ends_on, venue_member_state, member_states, organiser_id, status)
           VALUES ('workshop', 'Workshop', 'in_person', $1, $2, $3, $4, $5, $6) RETURNING id`,
          [startsOn, endsOn, venue, states, organiser.id, status],
        )
      )[0].id as string;
    const acts = {
      nairobi: await activity('held', 'KEN', ['KEN', 'UGA'], '2026-03-02', '2026-03-04'),
      paris: await activity('planned', 'FRA', [], '2026-04-10', '2026-04-11'),
      kampala: await activity('closed', 'UGA', ['TZA'], '2026-01-30', '2026-02-02'),
      webinar: await activity('held', null, [], '2026-05-05', '2026-05-05'),
    };
    const participant = async (
      userId: string | null,
      memberState: string,
      agencyType: string | null,
      gender: string | null,
      email: string | null = null,
    ) =>
      (
        await dataSource.query(
          `INSERT INTO participants (user_id, full_name, email, email_key, member_state, agency_type, gender)
           VALUES ($1, 'Someone', $2, lower($2), $3, $4, $5) RETURNING id`,
          [userId, email, memberState, agencyType, gender],
        )
      )[0].id as string;
    const people = {
      k1: await participant(users.k1, 'KEN', null, null),
      k2: await participant(users.k2, 'KEN', 'police', 'female'),
      u1: await participant(users.u1, 'UGA', null, null),
      f1: await participant(users.f1, 'FRA', 'police', 'male'),
      pending: await participant(users.pending, 'KEN', null, null),
      rejected: await participant(users.rejected, 'UGA', null, null),
      listed: await participant(null, 'UGA', null, null, 'listed@example.org'),
      listedTwice: await participant(null, 'UGA', 'prosecution', 'female', 'listed.again@example.org'),
      known: await participant(null, 'TZA', 'judiciary', 'male', 'later@example.org'),
      speaker: await participant(null, 'FRA', 'academia', 'female'),
    };
    // Everyone in the Nairobi workshop (the speaker as speaker), some in Kampala, Paris and the webinar.
    await dataSource.query(
      `INSERT INTO activity_participants (activity_id, participant_id, role, completed)
       SELECT $1, p, CASE WHEN p = $3 THEN 'speaker'::participant_role ELSE 'participant' END, p <> $4
         FROM unnest($2::uuid[]) p`,
      [acts.nairobi, Object.values(people), people.speaker, people.k2],
    );
    await dataSource.query(
      `INSERT INTO activity_participants (activity_id, participant_id, completed)
       SELECT a, p, true FROM unnest($1::uuid[]) a, unnest($2::uuid[]) p`,
      [
        [acts.kampala, acts.paris, acts.webinar],
        [people.u1, people.listed, people.listedTwice, people.known, people.k2],
      ],
    );
    // A day of attendance for every day of every place, absent one day in three.
    await dataSource.query(
      `INSERT INTO activity_attendance (activity_participant_id, day, present, source)
       SELECT ap.id, d::date, (extract(day FROM d)::int + length(ap.id::text || d::text)) % 3 <> 0, 'import'
         FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
         CROSS JOIN LATERAL generate_series(a.starts_on::timestamp, a.ends_on::timestamp, interval '1 day') d`,
    );
    const [before, rebuiltFirst] = await keptAndRebuilt(dataSource);
    expect(rebuiltFirst).toEqual(before);
    // k1, k2, u1, f1, the two list rows and the known one; not the pending, rejected or speaker.
    expect((before.people as Array<{ attended: string }>).filter((person) => person.attended !== '{}')).toHaveLength(7);

    const placeOf = async (participantId: string, activityId: string) =>
      (
        await dataSource.query(`SELECT id FROM activity_participants WHERE participant_id = $1 AND activity_id = $2`, [
          participantId,
          activityId,
        ])
      )[0].id as string;
    // Each step changes rows; all but those marked false change the summary.
    const steps: Array<[string, string, unknown[], boolean?]> = [
      [
        'a day marked absent, another present',
        `UPDATE activity_attendance SET present = NOT present WHERE activity_participant_id = $1`,
        [await placeOf(people.k1, acts.nairobi)],
      ],
      [
        'a day of attendance moved into another month',
        `UPDATE activity_attendance SET day = '2026-04-01', present = true WHERE activity_participant_id = $1 AND day = '2026-03-04'`,
        [await placeOf(people.u1, acts.nairobi)],
      ],
      [
        'attendance removed',
        `DELETE FROM activity_attendance WHERE activity_participant_id = $1`,
        [await placeOf(people.listed, acts.kampala)],
      ],
      [
        'attendance re-imported: unchanged rows rewritten, one changed, one added',
        `INSERT INTO activity_attendance (activity_participant_id, day, present, source)
         SELECT ap.id, d::date, d::date <> '2026-01-31', 'import'
           FROM activity_participants ap CROSS JOIN generate_series(timestamp '2026-01-30', timestamp '2026-02-03', interval '1 day') d
          WHERE ap.activity_id = $1
         ON CONFLICT (activity_participant_id, day) DO UPDATE SET present = EXCLUDED.present, recorded_at = now()`,
        [acts.kampala],
      ],
      [
        'a completion gained',
        `UPDATE activity_participants SET completed = true WHERE participant_id = $1 AND activity_id = $2`,
        [people.k2, acts.nairobi],
      ],
      [
        'a completion lost',
        `UPDATE activity_participants SET completed = false WHERE participant_id = $1 AND activity_id = $2`,
        [people.u1, acts.kampala],
      ],
      [
        'a participant made a trainer',
        `UPDATE activity_participants SET role = 'trainer' WHERE participant_id = $1 AND activity_id = $2`,
        [people.listedTwice, acts.nairobi],
      ],
      ['a place deleted', `DELETE FROM activity_participants WHERE participant_id = $1 AND activity_id = $2`, [people.known, acts.webinar]],
      [
        'places re-imported (role and completion set again, one new)',
        `INSERT INTO activity_participants (activity_id, participant_id, role, completed)
         SELECT $1, p, 'participant', true FROM unnest($2::uuid[]) p
         ON CONFLICT (activity_id, participant_id) DO UPDATE SET role = EXCLUDED.role, completed = EXCLUDED.completed`,
        [acts.webinar, [people.listedTwice, people.f1]],
      ],
      [
        'a list participant corrects State, agency and gender',
        `UPDATE participants SET member_state = 'RWA', agency_type = 'police', gender = 'male' WHERE id = $1`,
        [people.listed],
      ],
      [
        'a linked participant edits the list fields (the account still decides)',
        `UPDATE participants SET member_state = 'BDI', gender = 'other' WHERE id = $1`,
        [people.k2],
        false,
      ],
      [
        'a list participant who registers is linked to the account',
        `UPDATE participants SET user_id = $2 WHERE id = $1`,
        [people.known, users.later],
      ],
      ['a pending account is vetted', `UPDATE users SET status = 'active' WHERE id = $1`, [users.pending]],
      ['an account is set back to rejected', `UPDATE users SET status = 'rejected' WHERE id = $1`, [users.u1]],
      [
        'linked officials move State and agency, and correct their gender',
        `UPDATE users SET member_state = 'ETH', agency_type = 'corrections', gender = 'female' WHERE id = ANY ($1)`,
        [[users.k1, users.f1]],
      ],
      [
        'a merge, first half: the places of a list row that the other row lacks moved to it (here the webinar)',
        `UPDATE activity_participants SET participant_id = $2
          WHERE participant_id = $1 AND activity_id NOT IN (SELECT activity_id FROM activity_participants WHERE participant_id = $2)`,
        [people.listedTwice, people.known],
      ],
      [
        'a merge, second half: the merged row deleted with what is left of it',
        `DELETE FROM participants WHERE id = $1`,
        [people.listedTwice],
      ],
      ['an activity held after all', `UPDATE activities SET status = 'held' WHERE id = $1`, [acts.paris]],
      ['an activity set back to planned', `UPDATE activities SET status = 'planned' WHERE id = $1`, [acts.nairobi]],
      [
        'an activity re-dated into another month',
        `UPDATE activities SET starts_on = '2026-06-28', ends_on = '2026-07-01' WHERE id = $1`,
        [acts.kampala],
      ],
      ['an activity deleted with its places and days', `DELETE FROM activities WHERE id = $1`, [acts.webinar]],
      ['a linked official deleted (their participant stays, as the list knew them)', `DELETE FROM users WHERE id = $1`, [users.f1]],
      ['a participant deleted with its places', `DELETE FROM participants WHERE id = $1`, [people.listed]],
      ['the Nairobi workshop held again', `UPDATE activities SET status = 'closed' WHERE id = $1`, [acts.nairobi]],
    ];
    let previous = before;
    for (const [what, sql, params, changesSummary = true] of steps) {
      const [{ n }] = await dataSource.query(`WITH changed AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM changed`, params);
      expect({ what, changed: n > 0 }).toEqual({ what, changed: true });
      const [kept, rebuilt] = await keptAndRebuilt(dataSource);
      expect({ what, summary: kept }).toEqual({ what, summary: rebuilt });
      expect({ what, differs: JSON.stringify(kept) !== JSON.stringify(previous) }).toEqual({ what, differs: changesSummary });
      previous = kept;
    }
  });
});
