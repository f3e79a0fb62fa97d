// `node bench/uploads.mjs`: the API's resident memory around five ~19.9 MB resource uploads.
// Starts the production build as production runs it (`--max-old-space-size=128`,
// NODE_ENV=production) on a fresh database `ctlp_bench_uploads`, signs in as the admin, authors a
// course with five resource lessons, then uploads a 19.9 MB PDF to each: one after the other, then
// all five at once, each in a fresh API process (ROUNDS=2 times). Prints the API's RSS (from /proc)
// before, its peak during the uploads and after, and what is left under DATA_DIR/uploads. Not part
// of `npm test`.
//
// Database: BENCH_DATABASE_URL (a server where it may create `ctlp_bench_uploads`), else
// DATABASE_URL's server, else an embedded PostgreSQL under .data/bench-postgres.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase } from '../apps/api/dist/database/embedded-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const NAME = 'ctlp_bench_uploads';
const FILE_BYTES = Math.round(19.9 * 1024 * 1024);
const UPLOADS = Number(process.env.UPLOADS ?? 5);
const ADMIN = { email: 'admin@bench-uploads.example', password: 'bench uploads passphrase' };
const DATA_DIR = path.join(ROOT, '.data', 'bench-uploads');
const ROUNDS = Number(process.env.ROUNDS ?? 2);

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

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${NAME}`);
await admin.end();
rmSync(DATA_DIR, { recursive: true, force: true });

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pdf = Buffer.alloc(FILE_BYTES, 0x20);
pdf.write('%PDF-1.4\n', 0, 'latin1');
pdf.write('\n%%EOF\n', FILE_BYTES - 7, 'latin1');

/** A fresh API process: RSS once it has settled, its peak during the uploads, and after them. */
async function round(label, parallel) {
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
      DATA_DIR,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => api.once('exit', resolve));
  const rssMb = () => Number(readFileSync(`/proc/${api.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
  let peak = 0;
  const watcher = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
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
    // Production cookies are Secure; behind the (simulated) TLS proxy they are issued.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-proto': 'https' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`sign-in: ${login.status}`);
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const call = async (method, url, body) => {
      const form = body instanceof FormData;
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { cookie, origin: base, 'x-forwarded-proto': 'https', ...(form ? {} : { 'content-type': 'application/json' }) },
        body: form ? body : JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
      return answer;
    };
    const course = await call('POST', '/api/courses', { title: `Uploads bench ${label}`, summary: 'Memory', enrolmentPolicy: 'open' });
    const module = await call('POST', `/api/courses/${course.id}/modules`, { title: 'Files' });
    const lessons = [];
    for (let i = 0; i < UPLOADS; i++) {
      lessons.push((await call('POST', `/api/modules/${module.id}/lessons`, { title: `Handbook ${i + 1}`, kind: 'resource' })).id);
    }
    const upload = (lesson) => {
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'handbook.pdf');
      return call('POST', `/api/lessons/${lesson}/resource`, form);
    };
    await sleep(2000);
    const before = rssMb();
    peak = before;
    const started = performance.now();
    if (parallel) await Promise.all(lessons.map(upload));
    else for (const lesson of lessons) await upload(lesson);
    const seconds = (performance.now() - started) / 1000;
    await sleep(2000);
    return { label, before, peak, after: rssMb(), seconds };
  } finally {
    clearInterval(watcher);
    api.kill('SIGTERM');
    await exited;
  }
}

try {
  const figures = [];
  for (let i = 0; i < ROUNDS; i++) {
    figures.push(await round('one after the other', false));
    figures.push(await round(`${UPLOADS} at once`, true));
  }
  console.log(
    `\nAPI RSS around ${UPLOADS} uploads of ${(FILE_BYTES / 1024 / 1024).toFixed(1)} MB, a fresh process each (MB; --max-old-space-size=128):\n`,
  );
  console.log('| uploads | before | peak | after | time |');
  console.log('|---|---|---|---|---|');
  for (const f of figures) {
    console.log(`| ${f.label} | ${f.before.toFixed(0)} | ${f.peak.toFixed(0)} | ${f.after.toFixed(0)} | ${f.seconds.toFixed(1)} s |`);
  }
  const left = readdirSync(path.join(DATA_DIR, 'uploads'), { recursive: true }).map(String);
  console.log(`\nDATA_DIR/uploads holds ${left.length} entries (${2 * ROUNDS * UPLOADS} lessons with a file)`);
} finally {
  await stopEmbedded();
}
