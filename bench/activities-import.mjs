// `node bench/activities-import.mjs`: the historical import of training activities through the
// HTTP API. Generates one workbook of ACTIVITIES activities (default 700, one to five days each, in
// the 195 States) and PARTICIPANTS participant rows (default 30,000: names in Latin, Cyrillic,
// Arabic and Chinese script, Member States written by code or by name in any of the six
// languages, most with an email, a fifth of the people in more than one activity (their email then
// in capitals), 2,000 of them with an account), starts the production build as production
// runs it (`--max-old-space-size=128`, NODE_ENV=production) on a fresh database
// `ctlp_bench_activities_import`, and posts the workbook to POST /api/activities/import: first
// with ?dryRun=true, then for real, then the same workbook again (every activity known by its
// ref: nothing is added). Prints each run's time, rows per second and the API's peak
// RSS (from /proc). Baseline, in the same run on the same database: the same rows written with
// plain multi-row INSERTs through pg (1,000 rows a statement, people deduplicated and attendance
// counted in JavaScript beforehand, nothing checked or matched), in a transaction rolled back
// before the import. Not part of `npm test`.
//
// Database: BENCH_DATABASE_URL (a server where it may create the database), else DATABASE_URL's
// server, else an embedded PostgreSQL under .data/bench-postgres.
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase } from '../apps/api/dist/database/embedded-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const NAME = 'ctlp_bench_activities_import';
const ACTIVITIES = Number(process.env.ACTIVITIES ?? 700);
const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 30_000);
const ACCOUNTS = 2_000;
const ADMIN = { email: 'admin@bench-import.example', password: 'bench import passphrase' };

let stopEmbedded = async () => undefined;
let serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
if (serverUrl) serverUrl = withDatabase(serverUrl, 'postgres');
else {
  const dir = path.join(ROOT, '.data', 'bench-postgres');
  mkdirSync(dir, { recursive: true });
  chmodSync(path.dirname(dir), 0o755);
  const server = await startEmbeddedPostgres({ dir, port: 54339 });
  serverUrl = server.serverUrl;
  stopEmbedded = () => server.stop();
}

// ---------------------------------------------------------------------------------------------
// The workbook: deterministic (a seeded generator), so two runs import the same rows.

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (min, max) => min + Math.floor(random() * (max - min + 1));

const STATES = JSON.parse(readFileSync(path.join(ROOT, 'seeds/member-states/member-states.json'), 'utf8'));
const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const NAMES = {
  latin: [
    ['Amina', 'José', 'Marie', 'Kwame', 'Lucía', 'Ahmed', 'Fatou', 'João', 'Hélène', 'Rahul', 'Siti', 'Juan', 'Ngozi', 'Ana', 'Tomás'],
    [
      'Odhiambo',
      'García',
      'Dupont',
      'Mensah',
      'Pérez',
      'Haddad',
      'Diallo',
      'Silva',
      'Müller',
      'Sharma',
      'Rahman',
      'López',
      'Okafor',
      'Souza',
    ],
  ],
  cyrillic: [
    ['Елена', 'Юрий', 'Айгуль', 'Дмитрий', 'Ольга', 'Тимур', 'Наталья', 'Бахтияр'],
    ['Смирнова', 'Петров', 'Нурланова', 'Иванов', 'Ким', 'Алиев', 'Сидорова', 'Ахмедов'],
  ],
  arabic: [
    ['محمد', 'فاطمة', 'أحمد', 'مريم', 'يوسف', 'ليلى', 'عمر', 'خديجة'],
    ['علي', 'حسن', 'الحسيني', 'منصور', 'السيد', 'إبراهيم', 'الزين', 'عبدالله'],
  ],
  chinese: [
    ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'],
    ['芳', '伟', '娜', '敏', '静', '磊', '洋', '军'],
  ],
};
const KINDS = ['workshop', 'training_course', 'webinar', 'study_visit', 'mentoring', 'exercise', 'conference'];
const AGENCIES = [
  'police',
  'prosecution',
  'judiciary',
  'corrections',
  'border_customs',
  'financial_intelligence',
  'Police',
  'Judges',
  'Customs',
  '',
];

function personName(script) {
  const [first, last] = NAMES[script];
  return script === 'chinese' ? `${pick(first)}${pick(last)}${pick(last)}` : `${pick(first)} ${pick(last)} ${pick(last)}`;
}

/** A State as lists write it: alpha-3, alpha-2, or a name in one of the six languages. */
function stateAsWritten(state) {
  const r = random();
  if (r < 0.2) return state.code;
  if (r < 0.3) return state.alpha2;
  return state.names[pick(LOCALES)];
}

function generate() {
  const activities = [];
  for (let i = 0; i < ACTIVITIES; i++) {
    const venue = pick(STATES);
    const start = new Date(Date.UTC(2004 + (i % 22), between(0, 11), between(1, 28)));
    const days = between(1, 5);
    const end = new Date(start.getTime() + (days - 1) * 86_400_000);
    activities.push({
      ref: `H-${String(i + 1).padStart(4, '0')}`,
      kind: pick(KINDS),
      title: `${pick(['Regional', 'National', 'Subregional'])} ${pick(['workshop', 'training'])} on ${pick(['border security', 'terrorist financing', 'prison radicalisation', 'digital evidence', 'victims of terrorism'])} ${i + 1}`,
      delivery: pick(['in_person', 'in_person', 'online', 'hybrid']),
      startsOn: start.toISOString().slice(0, 10),
      endsOn: end.toISOString().slice(0, 10),
      days,
      venue,
      memberStates: [venue, pick(STATES), pick(STATES)].map((s) => s.code).join(', '),
      languages: pick(['en', 'fr', 'en, fr', 'ar, en', 'ru', 'es', 'Arabic, English']),
      topics: pick(['border-security', 'financing', 'prisons', 'evidence', 'victims']),
      hours: days * 6,
      requiredAttendance: pick([100, 80, 60]),
      status: pick(['closed', 'closed', 'held']),
    });
  }
  // People: about 24,000 for 30,000 rows, a fifth of them in a second or third activity.
  const people = [];
  const participantRows = [];
  for (let i = 0; participantRows.length < PARTICIPANTS; i++) {
    const activity = activities[i % ACTIVITIES];
    const again = people.length > 100 && random() < 0.2;
    let person;
    if (again) person = pick(people);
    else {
      const script = pick(['latin', 'latin', 'latin', 'cyrillic', 'arabic', 'chinese']);
      const state = random() < 0.5 ? activity.venue : pick(STATES);
      person = {
        fullName: personName(script),
        email: random() < 0.85 ? `p${people.length + 1}.${state.code.toLowerCase()}@example.org` : '',
        state,
        institution: pick(['Ministry of Interior', 'National Police', 'Office of the Prosecutor', 'High Court', 'Customs Service', '']),
        agency: pick(AGENCIES),
        gender: pick(['F', 'M', 'female', 'male', 'Female', '']),
      };
      people.push(person);
    }
    if (again && !person.email) continue;
    const useDays = random() < 0.8;
    participantRows.push({
      activityRef: activity.ref,
      activity,
      person,
      // Written in another case, as lists do.
      email: again && person.email ? person.email.toUpperCase() : person.email,
      memberState: stateAsWritten(person.state),
      role: random() < 0.95 ? '' : pick(['trainer', 'speaker']),
      attendedDays: useDays ? between(0, activity.days) : '',
      attended: useDays ? '' : pick(['yes', 'no']),
    });
  }
  return { activities, people, participantRows };
}

async function workbookOf({ activities, participantRows }) {
  const workbook = new ExcelJS.Workbook();
  const a = workbook.addWorksheet('activities');
  a.addRow([
    'ref',
    'kind',
    'title',
    'delivery',
    'startsOn',
    'endsOn',
    'venueMemberState',
    'city',
    'memberStates',
    'languages',
    'topics',
    'hours',
    'requiredAttendance',
    'status',
  ]);
  for (const x of activities) {
    a.addRow([
      x.ref,
      x.kind,
      x.title,
      x.delivery,
      x.startsOn,
      x.endsOn,
      stateAsWritten(x.venue),
      'Capital',
      x.memberStates,
      x.languages,
      x.topics,
      x.hours,
      x.requiredAttendance,
      x.status,
    ]);
  }
  const p = workbook.addWorksheet('participants');
  p.addRow(['activityRef', 'fullName', 'email', 'memberState', 'institution', 'agencyType', 'gender', 'role', 'attendedDays', 'attended']);
  for (const r of participantRows) {
    p.addRow([
      r.activityRef,
      r.person.fullName,
      r.email,
      r.memberState,
      r.person.institution,
      r.person.agency,
      r.person.gender,
      r.role,
      r.attendedDays,
      r.attended,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// The baseline: the same rows through plain multi-row INSERTs, rolled back.

async function insertRows(client, table, columns, rows) {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const values = [];
    const tuples = batch.map((row) => `(${row.map((value) => (values.push(value), `$${values.length}`)).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

async function baseline(client, data, adminId) {
  const started = performance.now();
  await client.query('BEGIN');
  try {
    const { rows: users } = await client.query(`SELECT id, lower(email) AS email FROM users`);
    const userOf = new Map(users.map((u) => [u.email, u.id]));
    const activityId = new Map(data.activities.map((a) => [a.ref, randomUUID()]));
    await insertRows(
      client,
      'activities',
      [
        'id',
        'kind',
        'title',
        'delivery',
        'starts_on',
        'ends_on',
        'venue_member_state',
        'city',
        'member_states',
        'languages',
        'topics',
        'hours',
        'required_attendance',
        'status',
        'organiser_id',
      ],
      data.activities.map((a) => [
        activityId.get(a.ref),
        a.kind,
        a.title,
        a.delivery,
        a.startsOn,
        a.endsOn,
        a.venue.code,
        'Capital',
        a.memberStates.split(', '),
        a.languages.includes('Arabic') ? ['ar', 'en'] : a.languages.split(', '),
        [a.topics],
        a.hours,
        a.requiredAttendance,
        a.status,
        adminId,
      ]),
    );
    const personId = new Map();
    const personRows = [];
    for (const person of data.people) {
      const id = randomUUID();
      personId.set(person, id);
      const key = person.email ? person.email.toLowerCase() : null;
      personRows.push([
        id,
        userOf.get(key) ?? null,
        person.fullName,
        person.email || null,
        key,
        person.state.code,
        person.institution || null,
      ]);
    }
    await insertRows(
      client,
      'participants',
      ['id', 'user_id', 'full_name', 'email', 'email_key', 'member_state', 'institution'],
      personRows,
    );
    const places = new Map();
    for (const row of data.participantRows) {
      const key = `${row.activityRef}/${personId.get(row.person)}`;
      if (places.has(key)) continue;
      const required = Math.max(1, Math.ceil((row.activity.requiredAttendance * row.activity.days) / 100));
      const attended = row.attendedDays !== '' ? row.attendedDays : row.attended === 'yes' ? row.activity.days : 0;
      places.set(key, { id: randomUUID(), row, attended, completed: attended >= required });
    }
    await insertRows(
      client,
      'activity_participants',
      ['id', 'activity_id', 'participant_id', 'role', 'completed'],
      [...places.values()].map((p) => [
        p.id,
        activityId.get(p.row.activityRef),
        personId.get(p.row.person),
        p.row.role || 'participant',
        p.completed,
      ]),
    );
    const marks = [];
    for (const p of places.values()) {
      const start = Date.parse(`${p.row.activity.startsOn}T00:00:00Z`);
      for (let d = 0; d < p.row.activity.days; d++)
        marks.push([p.id, new Date(start + d * 86_400_000).toISOString().slice(0, 10), d < p.attended, 'import']);
    }
    await insertRows(client, 'activity_attendance', ['activity_participant_id', 'day', 'present', 'source'], marks);
    return { seconds: (performance.now() - started) / 1000, places: places.size, marks: marks.length };
  } finally {
    await client.query('ROLLBACK');
  }
}

// ---------------------------------------------------------------------------------------------

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${NAME}`);
await admin.end();

const generatedAt = performance.now();
const data = generate();
const file = await workbookOf(data);
console.log(
  `Workbook: ${data.activities.length} activities, ${data.participantRows.length} participant rows (${data.people.length} people), ` +
    `${(file.length / 1024 / 1024).toFixed(1)} MB, made in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`,
);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const api = spawn(process.execPath, ['--max-old-space-size=128', path.join(ROOT, 'apps/api/dist/main.js')], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: withDatabase(serverUrl, NAME),
    SESSION_SECRET: 'bench-session-secret-long-enough-to-pass',
    PUBLIC_URL: base,
    TRUST_PROXY: '1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(ROOT, '.data', 'bench-activities-import'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise((resolve) => api.once('exit', resolve));
const rssMb = () => Number(readFileSync(`/proc/${api.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
let peak = 0;
const watcher = setInterval(() => {
  try {
    peak = Math.max(peak, rssMb());
  } catch {
    // The process has exited.
  }
}, 20);

const db = new pg.Client({ connectionString: withDatabase(serverUrl, NAME) });
try {
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the API did not start');
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  await db.connect();
  // Accounts for some of the people, their emails in another case: the import links them.
  const { rows: adminRows } = await db.query(`SELECT id, password_hash FROM users WHERE email = $1`, [ADMIN.email]);
  const withEmail = data.people.filter((p) => p.email).slice(0, ACCOUNTS);
  await db.query(
    `INSERT INTO users (email, password_hash, full_name, member_state, institution, agency_type, job_title, gender, status)
     SELECT lower(e), $2, n, s, 'Ministry', 'police', 'Officer', 'female', 'active' FROM unnest($1::text[], $3::text[], $4::text[]) AS t(e, n, s)`,
    [
      withEmail.map((p) => p.email.toUpperCase()),
      adminRows[0].password_hash,
      withEmail.map((p) => p.fullName),
      withEmail.map((p) => p.state.code),
    ],
  );
  await db.query('ANALYZE');

  const floor = await baseline(db, data, adminRows[0].id);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-proto': 'https' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status}`);
  const cookie = login.headers.getSetCookie()[0].split(';')[0];
  const runs = [];
  for (const [label, dryRun] of [
    ['dry run', true],
    ['import', false],
    ['same workbook again', false],
  ]) {
    await sleep(1000);
    const before = rssMb();
    peak = before;
    const form = new FormData();
    form.append('file', new Blob([file]), 'history.xlsx');
    const started = performance.now();
    const response = await fetch(`${base}/api/activities/import${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { cookie, origin: base, 'x-forwarded-proto': 'https' },
      body: form,
    });
    const report = await response.json();
    const seconds = (performance.now() - started) / 1000;
    if (!response.ok) throw new Error(`import: ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
    runs.push({ label, seconds, before, peak, report });
  }
  const { rows: counted } = await db.query(
    `SELECT (SELECT count(*) FROM activities)::int AS activities, (SELECT count(*) FROM participants)::int AS people,
            (SELECT count(*) FROM participants WHERE user_id IS NOT NULL)::int AS linked,
            (SELECT count(*) FROM activity_participants)::int AS places, (SELECT count(*) FROM activity_attendance)::int AS marks,
            (SELECT count(*) FROM activity_participants WHERE completed)::int AS completed`,
  );
  const rows = data.activities.length + data.participantRows.length;
  console.log(
    `\nImport of ${rows.toLocaleString('en')} rows through POST /api/activities/import (production build, --max-old-space-size=128):\n`,
  );
  console.log('| run | time | rows/s | API RSS before → peak |');
  console.log('|---|---|---|---|');
  for (const r of runs) {
    console.log(
      `| ${r.label} | ${r.seconds.toFixed(1)} s | ${Math.round(rows / r.seconds).toLocaleString('en')} | ${r.before.toFixed(0)} → ${r.peak.toFixed(0)} MB |`,
    );
  }
  console.log(
    `| baseline: multi-row INSERTs with pg, rolled back | ${floor.seconds.toFixed(1)} s | ${Math.round(rows / floor.seconds).toLocaleString('en')} | |`,
  );
  const real = runs[1].report;
  console.log(
    `\nReport: ${real.activities.created} activities (${real.activities.invalid.length} refused), ` +
      `${real.participants.added} places added (${real.participants.updated} updated, ${real.participants.unchanged} unchanged, ` +
      `${real.participants.matchedAccounts} matched to accounts, ${real.participants.invalid.length} refused), ` +
      `${real.participants.participantDays} participant-days, ${real.participants.completed} completed.`,
  );
  const again = runs[2].report;
  console.log(
    `Again: ${again.activities.added} activities added, ${again.activities.updated} updated, ${again.activities.unchanged} unchanged; ` +
      `${again.participants.added} places added, ${again.participants.updated} updated, ${again.participants.unchanged} unchanged.`,
  );
  console.log(`Database: ${JSON.stringify(counted[0])}; the baseline wrote ${floor.places} places and ${floor.marks} marks.`);
} finally {
  clearInterval(watcher);
  await db.end().catch(() => undefined);
  api.kill('SIGTERM');
  await exited;
  await stopEmbedded();
}
