// The member-state report over 1,000,000 enrolments: response time and the export's peak memory.
// Run after `npm run build`:  node --expose-gc bench/report.mjs
// (development mode: production cookies are Secure and would not travel over plain HTTP here)
// Uses the PostgreSQL server of BENCH_DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/postgres)
// and fills a database of its own, `ctlp_bench_report` (BENCH_REPORT_DB), once (kept for later runs;
// DROP it to refill). BENCH_ACTIVITIES=1 adds training activities to it once (700 activities,
// 30,000 participants, 45,000 places, their attendance), through the report's triggers.
import 'reflect-metadata';
import pg from 'pg';
import { hashPassword } from '../apps/api/dist/auth/passwords.js';
import { loadConfig } from '../apps/api/dist/config/app-config.js';
import { createApp } from '../apps/api/dist/create-app.js';
import { withDatabase } from '../apps/api/dist/database/embedded-postgres.js';
import { prepareDatabase } from '../apps/api/dist/database/prepare-database.js';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = process.env.BENCH_REPORT_DB ?? 'ctlp_bench_report';
const URL = withDatabase(SERVER, NAME);
const SIZES = { users: 100_000, courses: 300, enrolments: 1_000_000 };

async function sql(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function fill() {
  const exists = await sql(SERVER, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount);
  if (exists) {
    const n = await sql(URL, async (c) => (await c.query('SELECT count(*)::int AS n FROM enrolments')).rows[0].n).catch(() => 0);
    if (n === SIZES.enrolments) {
      // Migrations added since the fill (a new version of the report summary's SQL) apply here.
      const { migrations } = await prepareDatabase(URL, { seedDemo: false });
      return console.log(
        `reusing ${NAME} (${n.toLocaleString('en')} enrolments)${migrations.length ? `; applied ${migrations.join(', ')}` : ''}`,
      );
    }
    await sql(SERVER, (c) => c.query(`DROP DATABASE ${NAME}`));
  }
  await sql(SERVER, (c) => c.query(`CREATE DATABASE ${NAME}`));
  await prepareDatabase(URL, { seedDemo: false });
  const started = performance.now();
  await sql(URL, async (c) => {
    await c.query(
      `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
      SELECT 'official' || g || '@bench.example', 'Official ' || g, s.codes[1 + g % 195], 'Institution', (enum_range(NULL::agency_type))[1 + g % 10],
             'Officer', (enum_range(NULL::gender))[1 + (g * 7) % 4], 'en', '{learner}', 'active', 'x'
        FROM generate_series(0, $1 - 1) g, (SELECT array_agg(code ORDER BY code) AS codes FROM member_states) s`,
      [SIZES.users],
    );
    await c.query(`INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
      VALUES ('trainer@bench.example', 'Bench Trainer', 'FRA', 'x', 'police', 'x', 'male', 'en', '{trainer}', 'active', 'x')`);
    await c.query(
      `INSERT INTO courses (slug, title, owner_id, status, topics, published_at)
      SELECT 'course-' || g, 'Course ' || g, (SELECT id FROM users WHERE email = 'trainer@bench.example'), 'published',
             ARRAY[(ARRAY['financing', 'human-rights', 'legal-framework', 'investigation'])[1 + g % 4]], now()
        FROM generate_series(0, $1 - 1) g`,
      [SIZES.courses],
    );
    // Every (user, course) pair distinct: user g % U, course 30k + (g % 30) for the k-th pass.
    await c.query(
      `CREATE TEMP TABLE u AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM users WHERE email LIKE '%@bench.example' AND roles = '{learner}'`,
    );
    await c.query(`CREATE TEMP TABLE co AS SELECT row_number() OVER (ORDER BY slug) - 1 AS i, id FROM courses`);
    await c.query(`CREATE INDEX ON u (i)`);
    await c.query(`CREATE INDEX ON co (i)`);
    await c.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at)
      SELECT co.id, u.id, CASE WHEN g % 10 < 6 THEN 'completed'::enrolment_status ELSE 'active' END, 'self',
             timestamptz '2022-01-01' + make_interval(days => g % 1400, secs => g % 86400),
             CASE WHEN g % 10 < 6 THEN timestamptz '2022-01-01' + make_interval(days => g % 1400 + 10, secs => g % 86400) END
        FROM generate_series(0, $1 - 1) g
        JOIN u ON u.i = g % $2
        JOIN co ON co.i = (g / $2) * 30 + g % 30`,
      [SIZES.enrolments, SIZES.users],
    );
    await c.query(`INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, issued_at)
      SELECT e.id, e.user_id, e.course_id, 'BENCH-' || row_number() OVER (), md5(e.id::text), 'Holder', 'Course', 1, e.completed_at
        FROM enrolments e WHERE e.status = 'completed'`);
    await c.query('VACUUM ANALYZE');
  });
  console.log(`filled ${NAME} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await fill();
if (process.env.BENCH_ACTIVITIES) await fillActivities();

async function fillActivities() {
  const done = await sql(URL, async (c) => (await c.query('SELECT count(*)::int AS n FROM activities')).rows[0].n);
  if (done) return console.log(`reusing ${done} activities`);
  const started = performance.now();
  await sql(URL, async (c) => {
    await c.query('BEGIN');
    // 700 activities from 2022 to 2025, one to three days, each held in one State and serving another.
    await c.query(`INSERT INTO activities (kind, title, delivery, starts_on, ends_on, venue_member_state, member_states, topics, organiser_id, status)
      SELECT 'workshop', 'Workshop ' || i, 'in_person', date '2022-01-03' + i * 2, date '2022-01-03' + i * 2 + i % 3,
             s.codes[1 + i % 195], ARRAY[s.codes[1 + (i * 7 + 1) % 195]]::char(3)[],
             ARRAY[(ARRAY['financing', 'human-rights', 'legal-framework', 'investigation'])[1 + i % 4]],
             (SELECT id FROM users WHERE email = 'trainer@bench.example'), 'closed'
        FROM generate_series(0, 699) i, (SELECT array_agg(code ORDER BY code) AS codes FROM member_states) s`);
    // 30,000 people: 10,000 officials with accounts, 20,000 known from lists only (a third without
    // agency, a quarter without sex).
    await c.query(`INSERT INTO participants (user_id, full_name, email, email_key, member_state, agency_type, gender)
      SELECT u.id, u.full_name, u.email, u.email, u.member_state, u.agency_type, u.gender
        FROM users u WHERE u.email LIKE 'official%@bench.example' ORDER BY u.email LIMIT 10000`);
    await c.query(`INSERT INTO participants (full_name, email, email_key, member_state, agency_type, gender)
      SELECT 'Listed ' || g, 'listed' || g || '@bench.example', 'listed' || g || '@bench.example', s.codes[1 + g % 195],
             CASE WHEN g % 3 > 0 THEN (enum_range(NULL::agency_type))[1 + g % 10] END,
             CASE WHEN g % 4 > 0 THEN (enum_range(NULL::gender))[1 + g % 4] END
        FROM generate_series(0, 19999) g, (SELECT array_agg(code ORDER BY code) AS codes FROM member_states) s`);
    // Every person in one activity, a third in a second; four in five complete.
    await c.query(`CREATE TEMP TABLE pa AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM participants`);
    await c.query(`CREATE TEMP TABLE aa AS SELECT row_number() OVER (ORDER BY starts_on, id) - 1 AS i, id FROM activities`);
    await c.query(`INSERT INTO activity_participants (activity_id, participant_id, completed)
      SELECT aa.id, pa.id, pa.i % 5 > 0 FROM pa JOIN aa ON aa.i = pa.i % 700
      UNION ALL
      SELECT aa.id, pa.id, pa.i % 5 > 0 FROM pa JOIN aa ON aa.i = (pa.i * 7 + 3) % 700 WHERE pa.i % 3 = 0 AND (pa.i * 7 + 3) % 700 <> pa.i % 700`);
    await c.query(`INSERT INTO activity_attendance (activity_participant_id, day, present, source)
      SELECT ap.id, d::date, (length(ap.id::text) + extract(day FROM d)::int) % 7 > 0, 'import'
        FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
        CROSS JOIN LATERAL generate_series(a.starts_on::timestamp, a.ends_on::timestamp, interval '1 day') d`);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  });
  const counts = await sql(
    URL,
    async (c) =>
      (
        await c.query(
          `SELECT (SELECT count(*) FROM activity_participants)::int AS places, (SELECT count(*) FROM activity_attendance)::int AS days`,
        )
      ).rows[0],
  );
  console.log(
    `added 700 activities, 30,000 participants, ${counts.places.toLocaleString('en')} places, ${counts.days.toLocaleString('en')} days in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
await sql(URL, async (c) => {
  await c.query(
    `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
    VALUES ('admin@bench.example', 'Bench Admin', 'AUT', 'x', 'international_organization', 'x', 'female', 'en', '{admin}', 'active', $1)
    ON CONFLICT DO NOTHING`,
    [await hashPassword('bench admin passphrase')],
  );
});

const config = {
  ...loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: '/tmp/ctlp-bench',
    SEED_DEMO: 'false',
    SESSION_SECRET: 'bench-session-secret-that-is-long-enough',
    PUBLIC_URL: 'http://127.0.0.1',
    LOG_LEVEL: 'silent',
    // The bench's admin signs in with a password alone (the second step is not what is measured).
    MFA_REQUIRED_ROLES: '',
  }),
};
const app = await createApp(config, URL);
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1' },
  body: JSON.stringify({ email: 'admin@bench.example', password: 'bench admin passphrase' }),
});
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie').split(';')[0];

async function timed(path, runs) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    bytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)], max: times.at(-1), bytes };
}

async function peakMemory(path) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  await timed(path, 1);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return (peak - before) / 1024 / 1024;
}

const full = '/api/reports/member-states?includeZero=true';
await timed(full, 2); // warm-up
const rows = [
  { request: 'JSON, full range, 195 States', ...(await timed(full, 15)) },
  // The data ends in late 2025: mid-month ends put about 10,000 enrolments in each partial month.
  {
    request: 'JSON, 2023-03-15 to 2025-06-15, 195 States',
    ...(await timed('/api/reports/member-states?from=2023-03-15&to=2025-06-15&includeZero=true', 15)),
  },
  {
    request: 'JSON, 2024, topic=financing, suppressBelow=5',
    ...(await timed('/api/reports/member-states?from=2024-01-01&to=2025-01-01&topic=financing&suppressBelow=5', 15)),
  },
  { request: 'CSV export, full range', ...(await timed(`${full}&format=csv`, 5)), memoryMB: await peakMemory(`${full}&format=csv`) },
  { request: 'XLSX export, full range', ...(await timed(`${full}&format=xlsx`, 5)), memoryMB: await peakMemory(`${full}&format=xlsx`) },
];
const counts = await sql(
  URL,
  async (c) =>
    (await c.query(`SELECT (SELECT count(*) FROM enrolments)::int AS enrolments, (SELECT count(*) FROM certificates)::int AS certificates`))
      .rows[0],
);
console.log(
  `dataset: ${counts.enrolments.toLocaleString('en')} enrolments, ${counts.certificates.toLocaleString('en')} certificates; node ${process.version}`,
);
console.table(
  rows.map((r) => ({
    request: r.request,
    'p50 ms': r.p50.toFixed(0),
    'max ms': r.max.toFixed(0),
    bytes: r.bytes,
    'peak RSS growth MB': r.memoryMB?.toFixed(1) ?? '',
  })),
);
await app.close();
