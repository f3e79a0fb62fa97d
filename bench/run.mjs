// `npm run bench`: a dataset at the scale of every Member State, the production build of the API
// on it, loaded with autocannon on loopback, against a minimal node:http + pg baseline. Prints one
// table. Not part of `npm test`. See bench/README.md for a recorded run.
//
// Database: BENCH_DATABASE_URL (a server where it may create `ctlp_bench`), else DATABASE_URL's
// server, else an embedded PostgreSQL under .data/bench-postgres. The filled database is kept and
// reused by the next run when its sizes match; BENCH_REFILL=1 rebuilds it.
import { fork, spawn } from 'node:child_process';
import http from 'node:http';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import { hashPassword } from '../apps/api/dist/auth/passwords.js';
import { loadConfig } from '../apps/api/dist/config/app-config.js';
import { createApp } from '../apps/api/dist/create-app.js';
import { startEmbeddedPostgres, withDatabase } from '../apps/api/dist/database/embedded-postgres.js';
import { prepareDatabase } from '../apps/api/dist/database/prepare-database.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = { officials: 100_000, courses: 300, enrolments: 1_000_000, completions: 600_000, progress: 5_000_000 };
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
// BENCH_ONLY=verification,catalog runs only the loads whose label contains one of the words.
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((word) => word.trim())
  .filter(Boolean);
const wanted = (label) => !ONLY || ONLY.some((word) => label.includes(word));
// BENCH_PROFILE=1 runs the API under --cpu-prof and prints where its CPU time went.
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.join(ROOT, '.data', 'bench-profile') : undefined;
const NAME = 'ctlp_bench';
const PASSWORD = 'bench passphrase for everyone';
const results = [];
const log = (...args) => console.log('·', ...args);

// ---------------------------------------------------------------------------------------------
// Database server and dataset
// ---------------------------------------------------------------------------------------------
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
const DATABASE_URL = withDatabase(serverUrl, NAME);

async function sql(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The same footing for the API's loads and the baseline's: written pages flushed (CHECKPOINT) and
 * no autovacuum at work (it would take CPU from whichever side ran after the other's writes).
 */
async function settle() {
  await sql(DATABASE_URL, async (c) => {
    await c.query('CHECKPOINT');
    for (let waited = 0; waited < 60_000; waited += 500) {
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
      if (!rows[0].n) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
}

async function filledSizes() {
  return sql(DATABASE_URL, async (c) => (await c.query(`SELECT * FROM bench_sizes`)).rows[0]).catch(() => undefined);
}

async function fill() {
  const existing = !process.env.BENCH_REFILL && (await filledSizes());
  // jsonb keeps its own key order: compare the values, not the text.
  if (existing && Object.entries(SIZES).every(([key, value]) => existing.sizes[key] === value)) {
    log(`reusing ${NAME}, filled earlier in ${existing.seconds} s`);
    return existing.seconds;
  }
  await sql(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${NAME}`);
  });
  await prepareDatabase(DATABASE_URL, { seedDemo: false });
  const started = performance.now();
  await sql(DATABASE_URL, async (c) => {
    const step = async (label, text, params) => {
      const t0 = performance.now();
      const result = await c.query(text, params);
      log(`${label}: ${result.rowCount?.toLocaleString('en') ?? ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    await c.query(`SET synchronous_commit = off`);
    await step(
      'officials',
      `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
      SELECT 'official' || g || '@bench.example', 'Official ' || g, s.codes[1 + g % 195], 'Institution ' || g % 500, (enum_range(NULL::agency_type))[1 + g % 10],
             'Officer', (enum_range(NULL::gender))[1 + (g * 7) % 4], (enum_range(NULL::locale))[1 + g % 6], '{learner}', 'active', 'no sign-in'
        FROM generate_series(0, $1 - 1) g, (SELECT array_agg(code ORDER BY code) AS codes FROM member_states) s`,
      [SIZES.officials],
    );
    await step(
      'trainer',
      `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
      VALUES ('trainer@bench.example', 'Bench Trainer', 'FRA', 'x', 'judiciary', 'x', 'male', 'en', '{trainer}', 'active', 'no sign-in')`,
    );
    await step(
      'courses',
      `INSERT INTO courses (slug, title, summary, description, language, owner_id, status, topics, estimated_minutes, published_at)
      SELECT 'course-' || lpad(g::text, 3, '0'), 'Course ' || g || ': ' || (ARRAY['countering the financing of terrorism', 'human rights in investigations', 'the international legal framework', 'border security', 'prison radicalisation'])[1 + g % 5],
             'A course for criminal justice officials', 'Long description of course ' || g, (enum_range(NULL::locale))[1 + g % 6],
             (SELECT id FROM users WHERE email = 'trainer@bench.example'), 'published',
             ARRAY[(ARRAY['financing', 'human-rights', 'legal-framework', 'investigation'])[1 + g % 4]], 120, now() - make_interval(days => g)
        FROM generate_series(0, $1 - 1) g`,
      [SIZES.courses],
    );
    // Three modules of 3, 2 and 2 lessons; the last lesson of each course is a quiz with unlimited attempts.
    await step(
      'modules',
      `INSERT INTO course_modules (course_id, title, position) SELECT c.id, 'Module ' || (m + 1), m FROM courses c, generate_series(0, 2) m`,
    );
    await step(
      'lessons',
      `INSERT INTO lessons (module_id, course_id, title, kind, position, estimated_minutes, body, body_html, quiz)
      SELECT m.id, m.course_id, 'Lesson ' || (m.position + 1) || '.' || (p + 1),
             CASE WHEN m.position = 2 AND p = 1 THEN 'quiz'::lesson_kind ELSE 'text' END, p, 15,
             '## A lesson' || repeat(' with teaching content', 40), '<h2>A lesson</h2><p>' || repeat(' with teaching content', 40) || '</p>',
             CASE WHEN m.position = 2 AND p = 1 THEN jsonb_build_object('passMark', 100, 'maxAttempts', NULL, 'questions', jsonb_build_array(
               jsonb_build_object('id', gen_random_uuid(), 'type', 'single', 'prompt', 'Which body adopted resolution 1373?', 'options', jsonb_build_array(
                 jsonb_build_object('id', gen_random_uuid(), 'text', 'The Security Council', 'correct', true),
                 jsonb_build_object('id', gen_random_uuid(), 'text', 'The General Assembly', 'correct', false))))) END
        FROM course_modules m, generate_series(0, CASE WHEN m.position = 0 THEN 2 ELSE 1 END) p`,
    );
    await c.query(
      `CREATE TEMP TABLE u AS SELECT row_number() OVER (ORDER BY email) - 1 AS i, id FROM users WHERE email LIKE 'official%@bench.example'`,
    );
    await c.query(`CREATE TEMP TABLE co AS SELECT row_number() OVER (ORDER BY slug) - 1 AS i, id FROM courses`);
    await c.query(`CREATE UNIQUE INDEX ON u (i)`);
    await c.query(`CREATE UNIQUE INDEX ON co (i)`);
    // Distinct (official, course) pairs: official g % U in course 30k + g % 30 on the k-th pass.
    await step(
      'enrolments',
      `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at, last_activity_at)
      SELECT co.id, u.id, CASE WHEN g % 10 < 6 THEN 'completed'::enrolment_status ELSE 'active' END, 'self',
             timestamptz '2022-01-01' + make_interval(days => g % 1400, secs => g % 86400),
             CASE WHEN g % 10 < 6 THEN timestamptz '2022-01-01' + make_interval(days => g % 1400 + 10, secs => g % 86400) END,
             timestamptz '2022-01-01' + make_interval(days => g % 1400 + 10, secs => g % 86400)
        FROM generate_series(0, $1 - 1) g JOIN u ON u.i = g % $2 JOIN co ON co.i = (g / $2) * 30 + g % 30`,
      [SIZES.enrolments, SIZES.officials],
    );
    // Completed enrolments did all 7 lessons; active ones the first 2: 600,000 × 7 + 400,000 × 2 = 5,000,000.
    await step(
      'lesson progress',
      `INSERT INTO lesson_progress (enrolment_id, lesson_id, completed_at)
      SELECT e.id, l.id, coalesce(e.completed_at, e.last_activity_at)
        FROM enrolments e
        JOIN LATERAL (SELECT l.id FROM lessons l JOIN course_modules m ON m.id = l.module_id WHERE l.course_id = e.course_id
                       ORDER BY m.position, l.position LIMIT CASE WHEN e.status = 'completed' THEN 7 ELSE 2 END) l ON true`,
    );
    await step(
      'certificates',
      `INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, issued_at)
      SELECT e.id, e.user_id, e.course_id, 'CTLP-2026-' || lpad(nextval('certificate_serial_seq')::text, 7, '0'),
             translate(encode(sha256(e.id::text::bytea), 'base64'), '+/=', '-_'), u.full_name, 'Course', 2, e.completed_at
        FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.status = 'completed'`,
    );
    await step('analyze', 'VACUUM ANALYZE');
  });
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  await sql(DATABASE_URL, (c) =>
    c.query(`CREATE TABLE bench_sizes AS SELECT $1::jsonb AS sizes, $2::numeric AS seconds`, [JSON.stringify(SIZES), seconds]),
  );
  log(`dataset filled in ${seconds} s`);
  return seconds;
}

// ---------------------------------------------------------------------------------------------
// Processes, load, memory and CPU
// ---------------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

/**
 * CPU time (user + system, in clock ticks of 10 ms) of the processes matching, read from /proc;
 * with `reaped`, also that of their children that have exited (PostgreSQL's parallel workers).
 */
function cpuTicks(match, { reaped = false } = {}) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!match(Number(pid), comm)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    } catch {
      // the process ended between listing and reading: it used nothing more
    }
  }
  return ticks;
}

/**
 * The API process under load: its peak resident memory, read from /proc every 50 ms, and the CPU
 * that it, PostgreSQL's processes and this process (the load generator) used since reset(), as %
 * of one core — which is the limit, on a machine where the three share two cores.
 */
function watchApi(pid) {
  let peak = 0;
  let since;
  // With BENCH_PROCESSES, the API is a cluster's primary and its workers: memory and CPU are summed.
  const tree = () => {
    try {
      return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
    } catch {
      return [pid];
    }
  };
  let pids = tree();
  const read = () => {
    pids = tree();
    let kb = 0;
    for (const p of pids) {
      try {
        kb += Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
      } catch {
        // the process has exited; it holds nothing more
      }
    }
    peak = Math.max(peak, kb);
  };
  const cpu = () => ({
    at: performance.now(),
    api: cpuTicks((p) => pids.includes(p)),
    postgres: cpuTicks((_, comm) => comm.startsWith('postgres'), { reaped: true }),
    load: cpuTicks((p) => p === process.pid),
  });
  const timer = setInterval(read, 50);
  return {
    reset: () => {
      read();
      peak = 0;
      read();
      since = cpu();
    },
    figures: () => {
      read();
      const now = cpu();
      const percent = (ticks) => Math.round((ticks * 1000) / (now.at - since.at));
      return {
        'peak MB': Math.round(peak / 1024),
        'API CPU %': percent(now.api - since.api),
        'PG CPU %': percent(now.postgres - since.postgres),
        'load CPU %': percent(now.load - since.load),
      };
    },
    peakMB: () => (read(), peak / 1024),
    stop: () => clearInterval(timer),
  };
}

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: DURATION, connections: 50, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Requests at a steady rate: open loop, one due every 1/rate s whatever the answers, latency
 * counted from when each was due (so a stall shows in every request it delays). autocannon's
 * overallRate is not this: each connection sends its share of the second back to back as the
 * second starts, then waits, so its latencies are those of 50 requests in flight.
 */
async function paced(label, { watch, rate, path: nextPath, target = base }) {
  if (!wanted(label)) return undefined;
  watch?.reset();
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = rate * DURATION;
  const latencies = [];
  const lateness = [];
  let errors = 0;
  let sent = 0;
  const start = performance.now();
  const from = monotonicMicros();
  await new Promise((resolve) => {
    let settled = 0;
    const settle = () => ++settled === total && resolve();
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < due; sent++) {
        const dueAt = start + (sent * 1000) / rate;
        lateness.push(performance.now() - dueAt);
        http
          .get({ agent, host: url.hostname, port: url.port, path: nextPath() }, (response) => {
            response.resume();
            response.on('end', () => {
              latencies.push(performance.now() - dueAt);
              if (response.statusCode !== 200) errors++;
              settle();
            });
          })
          .on('error', () => (errors++, settle()));
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const seconds = (performance.now() - start) / 1000;
  loadRan(label, from, total);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  lateness.sort((a, b) => a - b);
  const at = (q, list = latencies) => Math.round(list[Math.min(list.length - 1, Math.floor(q * list.length))] * 10) / 10;
  log(`${label}: requests sent late by the generator itself: p50 ${at(0.5, lateness)} ms, p99 ${at(0.99, lateness)} ms`);
  return record({
    endpoint: label,
    'req/s': Math.round(total / seconds),
    'p50 ms': at(0.5),
    'p99 ms': at(0.99),
    errors,
    ...watch?.figures(),
  });
}

/** A row of the final table, logged as it is measured. */
function record(row) {
  // CPU time per request hardly moves when other processes compete for the cores, where
  // throughput does: the steadier way to compare two servers on a shared machine.
  if (row['API CPU %'] !== undefined && row['req/s'] > 0)
    row['API CPU ms/req'] = Math.round((row['API CPU %'] * 1000) / row['req/s']) / 100;
  results.push(row);
  log(`${row.endpoint}: ${row['req/s']} req/s, p50 ${row['p50 ms']} ms, p99 ${row['p99 ms']} ms, errors ${row.errors}`);
  return row;
}

async function measure(label, options, extra = {}) {
  if (!wanted(label)) return undefined;
  const { watch } = options;
  watch?.reset();
  const result = await counted(
    label,
    () => load(options.load),
    (done) => done.requests.total,
  );
  const row = record({
    endpoint: label,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    ...watch?.figures(),
    ...extra,
  });
  return { row, result };
}

/**
 * Requests answered during the loads, by the API and by the baseline, and when each load ran
 * (µs of the monotonic clock that --cpu-prof stamps its samples with): a profile counts only the
 * samples taken during its side's loads (not the start, the sign-ins, the statement recording).
 */
const served = { api: 0, baseline: 0 };
const loadWindows = { api: [], baseline: [] };
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
function loadRan(label, from, requests) {
  const side = label.startsWith('baseline') ? 'baseline' : 'api';
  loadWindows[side].push([from, monotonicMicros()]);
  served[side] += requests;
}
async function counted(label, run, requestsOf) {
  const from = monotonicMicros();
  const result = await run();
  loadRan(label, from, requestsOf(result));
  return result;
}

/**
 * Where a server's CPU time went, from the .cpuprofile that --cpu-prof wrote at exit: self time by
 * origin (our code, each dependency, Node's internals, GC) and by function, also per request.
 * Returns the times, so the API's can be set beside the baseline's.
 */
function printProfile(dir, title, requests, windows) {
  if (!windows.length) return log(`${title}: no load ran, no profile`);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return log(`no CPU profile in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (windows.some(([from, to]) => at >= from && at <= to)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const origin = ({ url, functionName }) => {
    if (!url) return functionName; // (garbage collector), (program), (idle)
    const dependency = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (dependency) return dependency[1];
    if (url.includes('/apps/api/dist/')) return 'ctlp api';
    if (url.includes('/bench/')) return 'bench';
    return url.startsWith('node:') ? 'node internals' : url;
  };
  const byOrigin = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const [id, micros] of self) {
    const { callFrame } = nodes.get(id);
    const where = origin(callFrame);
    if (where === '(idle)') continue;
    busy += micros;
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${where === callFrame.url ? '' : `[${where}] `}${callFrame.url.split('/').slice(-1)[0]}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  const top = (map, n) =>
    [...map]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        '%': Number(((100 * micros) / busy).toFixed(1)),
        'µs/req': requests ? Math.round(micros / requests) : '',
      }));
  console.log(
    `\n${title} CPU profile (${path.join(dir, file)}): ${Math.round(busy / 1000)} ms busy during the loads, ${requests.toLocaleString('en')} requests, by origin`,
  );
  console.table(top(byOrigin, 20));
  console.log('Functions with the most self time');
  console.table(top(byFunction, 30));
  return { byOrigin, byFunction, requests };
}

/**
 * The API's profile beside the baseline's, per request, by origin and by function: where the
 * framework's extra time goes. Meaningful when only replayed loads ran (BENCH_ONLY=outline, say), so both
 * served the same requests. Sampled wall time: a syscall (writev) waiting for a busy core counts.
 */
function compareProfiles(ours, theirs) {
  if (!ours || !theirs || !ours.requests || !theirs.requests) return;
  const difference = (key, label) => {
    const names = new Set([...ours[key].keys(), ...theirs[key].keys()]);
    const per = (side, name) => Math.round((side[key].get(name) ?? 0) / side.requests);
    return [...names]
      .map((name) => ({ [label]: name, 'API µs/req': per(ours, name), 'baseline µs/req': per(theirs, name) }))
      .map((row) => ({ ...row, 'API − baseline': row['API µs/req'] - row['baseline µs/req'] }))
      .sort((x, y) => y['API − baseline'] - x['API − baseline'])
      .slice(0, 25);
  };
  console.log('\nSelf time per request, API against baseline, by origin');
  console.table(difference('byOrigin', 'origin'));
  console.log('and by function');
  console.table(difference('byFunction', 'function'));
}

// ---------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------
const fillSeconds = await fill();

// Accounts for the load: an admin, and 500 officials each enrolled afresh in 60 courses: 30,000
// quizzes, so that the API's and the baseline's attempts together never come back to one already
// answered (the baseline replays the recorded attempt number, which would then be taken).
const passwordHash = await hashPassword(PASSWORD);
const fixtures = await sql(DATABASE_URL, async (c) => {
  await c.query(
    `DELETE FROM lesson_progress WHERE enrolment_id IN (SELECT e.id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'runner%@bench.example')`,
  );
  await c.query(
    `DELETE FROM quiz_attempts WHERE enrolment_id IN (SELECT e.id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'runner%@bench.example')`,
  );
  await c.query(`DELETE FROM enrolments WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'runner%@bench.example')`);
  await c.query(
    `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
    SELECT 'runner' || g || '@bench.example', 'Runner ' || g, 'KEN', 'x', 'police', 'x', 'female', 'en', '{learner}', 'active', $1 FROM generate_series(0, 499) g
    ON CONFLICT DO NOTHING`,
    [passwordHash],
  );
  await c.query(
    `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
    VALUES ('admin@bench.example', 'Bench Admin', 'AUT', 'x', 'international_organization', 'x', 'female', 'en', '{admin}', 'active', $1)
    ON CONFLICT DO NOTHING`,
    [passwordHash],
  );
  // Two-step sign-in is set up afresh by each run (signInAdmin), whose secret only that run knows.
  await c.query(`DELETE FROM mfa_recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = 'admin@bench.example')`);
  await c.query(`DELETE FROM user_mfa WHERE user_id = (SELECT id FROM users WHERE email = 'admin@bench.example')`);
  await c.query(`UPDATE users SET mfa_enabled_at = NULL WHERE email = 'admin@bench.example'`);
  await c.query(`INSERT INTO enrolments (course_id, user_id, status, source)
    SELECT co.id, u.id, 'active', 'bulk' FROM users u, (SELECT id FROM courses ORDER BY slug LIMIT 60) co WHERE u.email LIKE 'runner%@bench.example'`);
  // With each quiz its wrong answer: an attempt must answer something (an empty one is refused),
  // and a wrong one never passes, so every request writes an attempt as before.
  const work = (
    await c.query(`SELECT u.email, l.id AS lesson, l.kind, l.quiz->'questions'->0->>'id' AS question,
                                  (SELECT o->>'id' FROM jsonb_array_elements(l.quiz->'questions'->0->'options') o WHERE NOT (o->>'correct')::boolean LIMIT 1) AS wrong
                                FROM users u JOIN enrolments e ON e.user_id = u.id JOIN lessons l ON l.course_id = e.course_id
                                WHERE u.email LIKE 'runner%@bench.example' ORDER BY l.position, l.module_id, u.email`)
  ).rows;
  const codes = (await c.query(`SELECT verification_code FROM certificates ORDER BY random() LIMIT 20000`)).rows.map(
    (r) => r.verification_code,
  );
  const certificate = (await c.query(`SELECT id FROM certificates LIMIT 1`)).rows[0].id;
  const outline = (await c.query(`SELECT slug FROM courses ORDER BY slug LIMIT 1`)).rows[0].slug;
  return { work, codes, certificate, outline };
});

const apiPort = await freePort();
// As production starts it (Dockerfile, apps/api start:prod): the old generation capped at 128 MB.
if (PROFILE_DIR) rmSync(PROFILE_DIR, { recursive: true, force: true });
const profiling = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
// BENCH_PROCESSES=2: that many API processes on the one port (bench/cluster.mjs).
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const entry = PROCESSES > 1 ? path.join(import.meta.dirname, 'cluster.mjs') : path.join(ROOT, 'apps/api/dist/main.js');
// BENCH_API_FLAGS: more Node flags for the API, to try a setting (e.g. --max-semi-space-size=8).
const extraFlags = process.env.BENCH_API_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
const api = spawn(process.execPath, ['--max-old-space-size=128', ...extraFlags, ...profiling, entry], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    // As the Dockerfile runs it.
    MALLOC_MMAP_THRESHOLD_: '131072',
    PORT: String(apiPort),
    DATABASE_URL,
    SESSION_SECRET: 'bench-session-secret-long-enough-to-pass',
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    TRUST_PROXY: '1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(ROOT, '.data', 'bench-api'),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${apiPort}`;
await waitFor(`${base}/api/health`);
const watch = watchApi(api.pid);

/**
 * The bench's admin, signed in as production requires of admins (MFA_REQUIRED_ROLES): its first
 * sign-in of the run sets up an authenticator (the secret kept here), later ones give a code from it.
 */
let adminSecret;
async function signInAdmin(url, extraHeaders = {}) {
  const post = (route, cookie, body = {}) =>
    fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, ...extraHeaders, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  // A step ahead for sign-ins after the set-up: a code's step is accepted once.
  const code = (stepsAhead) =>
    new TOTP({ secret: Secret.fromBase32(adminSecret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
  const cookieOf = (response) => response.headers.getSetCookie()[0].split(';')[0];
  const login = await post('/api/auth/login', undefined, { email: 'admin@bench.example', password: PASSWORD });
  if (!login.ok) throw new Error(`admin sign-in: ${login.status}`);
  if ((await login.json()).mfaRequired) {
    const verified = await post('/api/auth/mfa/verify', cookieOf(login), { code: code(1) });
    if (!verified.ok) throw new Error(`admin second step: ${verified.status} ${await verified.text()}`);
    return cookieOf(verified);
  }
  const cookie = cookieOf(login);
  const started = await post('/api/auth/mfa/totp', cookie);
  if (!started.ok) throw new Error(`admin MFA set-up: ${started.status} ${await started.text()}`);
  adminSecret = (await started.json()).secret;
  const confirmed = await post('/api/auth/mfa/totp/confirm', cookie, { code: code(0) });
  if (!confirmed.ok) throw new Error(`admin MFA confirmation: ${confirmed.status} ${await confirmed.text()}`);
  return cookie;
}

// Sessions: production cookies are Secure; behind the (simulated) TLS proxy they are issued.
async function signIn(email) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${email}: ${response.status}`);
  return response.headers.getSetCookie()[0].split(';')[0];
}
const admin = await signInAdmin(base, { 'x-forwarded-proto': 'https' });
const runners = {};
for (let i = 0; i < 500; i++) runners[`runner${i}@bench.example`] = await signIn(`runner${i}@bench.example`);
const headers = (cookie, extra = {}) => ({ cookie, origin: base, 'x-forwarded-proto': 'https', ...extra });
/** The session id in a `ctlp.sid=<id>.<signature>` cookie, as the session table keys it. */
const sessionId = (cookie) => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)).replace(/\.[^.]*$/, '');

// Every lesson-complete request writes a different (enrolment, lesson): count them afterwards.
const textWork = fixtures.work.filter((w) => w.kind === 'text');
const quizWork = fixtures.work.filter((w) => w.kind === 'quiz');
const wrongAnswer = (w) => JSON.stringify({ answers: [{ questionId: w.question, optionIds: [w.wrong] }] });
let nextText = 0;
let nextQuiz = 0;
/** Lesson completes against `url`, each on the next (runner, lesson) of the work list: never one already written. */
const completeLoad = (url) => ({
  url,
  method: 'POST',
  requests: [
    {
      setupRequest: (request) => {
        const w = textWork[nextText++ % textWork.length];
        return { ...request, path: `/api/lessons/${w.lesson}/complete`, headers: headers(runners[w.email]) };
      },
    },
  ],
});
/** Quiz attempts against `url`, each a wrong answer (so every one is written) by the next runner of the work list. */
const attemptLoad = (url) => ({
  url,
  method: 'POST',
  requests: [
    {
      setupRequest: (request) => {
        const w = quizWork[nextQuiz++ % quizWork.length];
        return {
          ...request,
          path: `/api/lessons/${w.lesson}/attempts`,
          headers: headers(runners[w.email], { 'content-type': 'application/json' }),
          body: wrongAnswer(w),
        };
      },
    },
  ],
});
let nextCode = 0;

// SQL statements per request, counted in-process on the same build and database. The statements
// of the loads the baseline stands for are kept too, with their names, values and first rows: the
// baseline replays them, so it runs the very SQL the API runs.
log('counting SQL statements per request');
const WRITES = ['lesson complete (write)', 'quiz attempt (write)'];
const REPLAYED = ['catalog list', 'course outline (signed in)', 'verification, max rate', ...WRITES];
const scripts = {};
const counts = await (async () => {
  const original = pg.Client.prototype.query;
  let n = 0;
  let script;
  pg.Client.prototype.query = function (...args) {
    const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    if (text && !/^(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)/i.test(text)) n++;
    if (!script || !text) return original.apply(this, args);
    const step = typeof args[0] === 'string' ? { text, values: args[1] } : { text, name: args[0].name, values: args[0].values };
    script.push(step);
    const keep = (result) => {
      step.row = (Array.isArray(result) ? result.at(-1) : result)?.rows?.[0];
      return result;
    };
    if (typeof args.at(-1) === 'function') {
      const callback = args.at(-1);
      args[args.length - 1] = (error, result) => callback(error, error ? result : keep(result));
      return original.apply(this, args);
    }
    return original.apply(this, args).then(keep);
  };
  const port = await freePort();
  const local = `http://127.0.0.1:${port}`;
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'development',
      SESSION_SECRET: 'bench-session-secret-long-enough-to-pass',
      PUBLIC_URL: local,
      DATA_DIR: path.join(ROOT, '.data', 'bench-api'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
    }),
    DATABASE_URL,
  );
  await app.listen(port, '127.0.0.1');
  const login = await fetch(`${local}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: local },
    body: JSON.stringify({ email: 'runner499@bench.example', password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0].split(';')[0];
  const adminCookie = await signInAdmin(local);
  const w = textWork.filter((x) => x.email === 'runner499@bench.example').at(-1);
  const q = quizWork.find((x) => x.email === 'runner499@bench.example');
  const probes = {
    'catalog list': [`/api/courses`, {}],
    'course outline (signed in)': [`/api/courses/${fixtures.outline}`, { headers: { cookie } }],
    'lesson complete (write)': [`/api/lessons/${w.lesson}/complete`, { method: 'POST', headers: { cookie, origin: local } }],
    'quiz attempt (write)': [
      `/api/lessons/${q.lesson}/attempts`,
      { method: 'POST', headers: { cookie, origin: local, 'content-type': 'application/json' }, body: wrongAnswer(q) },
    ],
    'verification, max rate': [`/api/verify/${fixtures.codes[0]}`, {}],
    'report JSON, full range': [`/api/reports/member-states?includeZero=true`, { headers: { cookie: adminCookie } }],
    'certificate PDF, 4 at a time': [`/api/certificates/${fixtures.certificate}/pdf`, { headers: { cookie: adminCookie } }],
  };
  const out = {};
  for (const [label, [url, init]] of Object.entries(probes)) {
    const replayed = REPLAYED.includes(label);
    // A read once before it is recorded, so what a process does once (a first look-up) is not in it.
    if (replayed && !WRITES.includes(label)) await (await fetch(`${local}${url}`, init)).arrayBuffer();
    n = 0;
    script = replayed ? [] : undefined;
    const response = await fetch(`${local}${url}`, init);
    await response.arrayBuffer();
    out[label] = n;
    if (script) {
      if (!response.ok) throw new Error(`${label}: the probe answered ${response.status}`);
      scripts[label] = {
        sid: init.headers?.cookie ? sessionId(init.headers.cookie) : undefined,
        lesson: url.match(/lessons\/([^/]+)/)?.[1],
        code: url.match(/verify\/([^/]+)/)?.[1],
        steps: script,
      };
    }
    script = undefined;
  }
  await app.close();
  pg.Client.prototype.query = original;
  return out;
})();

// The baseline (bench/baseline-server.mjs) replays the statements just recorded. Each load runs on
// the API and then at once on the baseline, so both meet the machine in the same state: on a shared
// host the speed drifts by half within minutes, and a baseline measured after all the API's loads
// made the ratios follow the drift.
const basePort = await freePort();
const scriptsFile = path.join(ROOT, '.data', 'bench-recorded-scripts.json');
mkdirSync(path.dirname(scriptsFile), { recursive: true });
writeFileSync(scriptsFile, JSON.stringify(scripts));
const baselineProfileDir = PROFILE_DIR && path.join(PROFILE_DIR, 'baseline');
const baseline = fork(path.join(import.meta.dirname, 'baseline-server.mjs'), {
  execArgv: baselineProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${baselineProfileDir}`] : [],
  env: { ...process.env, DATABASE_URL, PORT: String(basePort), RECORDED_SCRIPTS: scriptsFile },
});
await new Promise((resolve) => baseline.once('message', resolve));
const baselineWatch = watchApi(baseline.pid);
const baselineUrl = `http://127.0.0.1:${basePort}`;
/**
 * The load `loadFor(url)` on the API, then on the baseline, each after a CHECKPOINT with no
 * autovacuum at work (settle); `between(row)` runs after the API's load (to count what it wrote).
 */
async function pair(label, loadFor, between) {
  await settle();
  const ours = await measure(label, { watch, load: loadFor(base) });
  if (ours && between) await between(ours);
  await settle();
  const theirs = await measure(`baseline: ${label}`, { watch: baselineWatch, load: loadFor(baselineUrl) });
  return [ours, theirs];
}

log('loading the API and the baseline, one load after the other');
const [catalog, catalogBase] = await pair('catalog list', (url) => ({ url: `${url}/api/courses` }));
const [outline, outlineBase] = await pair('course outline (signed in)', (url) => ({
  url: `${url}/api/courses/${fixtures.outline}`,
  headers: headers(runners['runner0@bench.example']),
}));
/** Verification of the sample's codes in turn, from the first when the load starts: the same codes on both sides. */
const verifyLoad = (url) => {
  nextCode = 0;
  return {
    url,
    requests: [{ setupRequest: (request) => ({ ...request, path: `/api/verify/${fixtures.codes[nextCode++ % fixtures.codes.length]}` }) }],
  };
};
const [verifyMax, verifyBase] = await pair('verification, max rate', verifyLoad);
const pacedVerification = (target) => {
  nextCode = 0;
  return { rate: 1000, target, path: () => `/api/verify/${fixtures.codes[nextCode++ % fixtures.codes.length]}` };
};
await paced('verification at 1,000 req/s, paced', { watch, ...pacedVerification(base) });
// What this machine and generator allow at that rate: the floor under the API's paced figure.
await paced('baseline: verification at 1,000 req/s, paced', { watch: baselineWatch, ...pacedVerification(baselineUrl) });
await measure('verification, autocannon overallRate 1,000', { watch, load: { ...verifyLoad(base), overallRate: 1000 } });
// The writes after the reads: a read measured after them would pay for their checkpoint and
// autovacuum. The baseline writes the work the API's load left untouched (the lists go on).
const [completes, completeBase] = await pair('lesson complete (write)', completeLoad, async (completes) => {
  const written = await sql(
    DATABASE_URL,
    async (c) =>
      (
        await c.query(
          `SELECT count(*)::int AS n FROM lesson_progress p JOIN enrolments e ON e.id = p.enrolment_id JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'runner%@bench.example'`,
        )
      ).rows[0].n,
  );
  completes.row.note = `${written.toLocaleString('en')} rows written for ${completes.result.requests.total.toLocaleString('en')} requests`;
});
const [attempts, attemptBase] = await pair('quiz attempt (write)', attemptLoad);
baselineWatch.stop();
const baselineExited = new Promise((resolve) => baseline.once('exit', resolve));
baseline.kill('SIGTERM');
await baselineExited;
await settle();
await measure('report JSON, full range', {
  watch,
  load: {
    url: `${base}/api/reports/member-states?includeZero=true`,
    headers: headers(admin),
    connections: 2,
    duration: Math.max(DURATION, 15),
  },
});
await measure('report CSV, full range', {
  watch,
  load: { url: `${base}/api/reports/member-states?includeZero=true&format=csv`, headers: headers(admin), connections: 1, amount: 10 },
});
await measure('certificate PDF, 4 at a time', {
  watch,
  load: { url: `${base}/api/certificates/${fixtures.certificate}/pdf`, headers: headers(admin), connections: 4 },
});
const apiPeak = Math.round(watch.peakMB());
watch.stop();
const apiExited = new Promise((resolve) => api.once('exit', resolve));
api.kill('SIGTERM');
await apiExited;
if (PROFILE_DIR) {
  const ours = printProfile(PROFILE_DIR, 'API', served.api, loadWindows.api);
  const theirs = printProfile(baselineProfileDir, 'Baseline', served.baseline, loadWindows.baseline);
  compareProfiles(ours, theirs);
}

for (const row of results) if (!row.endpoint.startsWith('baseline')) row['SQL/req'] = counts[row.endpoint] ?? '';

const ratio = (ours, theirs) => {
  if (!ours || !theirs) return;
  const figure = `${(ours.result.requests.average / theirs.result.requests.average).toFixed(2)} × baseline`;
  ours.row.note = ours.row.note ? `${ours.row.note}; ${figure}` : figure;
};
ratio(catalog, catalogBase);
ratio(outline, outlineBase);
ratio(verifyMax, verifyBase);
ratio(completes, completeBase);
ratio(attempts, attemptBase);

const [{ sizes }] = [
  await sql(
    DATABASE_URL,
    async (c) =>
      (
        await c.query(`SELECT
  (SELECT count(*) FROM users WHERE email LIKE 'official%')::int AS officials, (SELECT count(*) FROM courses)::int AS courses,
  (SELECT count(*) FROM lessons)::int AS lessons, (SELECT count(*) FROM enrolments)::int AS enrolments,
  (SELECT count(*) FROM enrolments WHERE status = 'completed')::int AS completions, (SELECT count(*) FROM certificates)::int AS certificates,
  (SELECT count(*) FROM lesson_progress)::int AS progress`)
      ).rows,
  ).then((rows) => ({ sizes: rows[0] })),
];
await stopEmbedded();

console.log(
  `\nDataset (filled in ${fillSeconds} s): ${Object.entries(sizes)
    .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
    .join(', ')}`,
);
console.log(
  `Load: autocannon, ${DURATION} s per endpoint, 50 connections unless noted; ${PROCESSES === 1 ? 'one API process' : `${PROCESSES} API processes (peak MB and API CPU summed over them)`} (NODE_ENV=production); API peak memory ${apiPeak} MB`,
);
console.table(results);
process.exit(0);
