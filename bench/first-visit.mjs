// `npm run bench:first-visit`: the first visit of the catalog over a slow link (400 ms round trip,
// 400 kbit/s), in Chromium with no cache and no service worker, on the production build with the
// demo courses; then, when Lighthouse can run here, its mobile performance and accessibility scores.
// Prints figures; asserts nothing (apps/web/browser/first-visit.test.mjs asserts the behaviour).
//
// Database: BENCH_DATABASE_URL / DATABASE_URL's server (creates `ctlp_first_visit`), else an
// embedded PostgreSQL under .data/bench-postgres. RUNS (default 3) visits per page; medians printed.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { loadConfig } from '../apps/api/dist/config/app-config.js';
import { createApp } from '../apps/api/dist/create-app.js';
import { startEmbeddedPostgres, withDatabase } from '../apps/api/dist/database/embedded-postgres.js';
import { prepareDatabase } from '../apps/api/dist/database/prepare-database.js';
import { describe, firstVisit, kb, seconds } from '../apps/web/browser/first-visit-measure.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NAME = 'ctlp_first_visit';

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
await prepareDatabase(withDatabase(serverUrl, NAME), { seedDemo: true });

const port = 3000 + Math.floor(Math.random() * 1000) + 40000;
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ctlp-first-visit-'));
const config = loadConfig({
  // Not 'production': its CSP upgrades requests to https, and it refuses the demo courses' accounts.
  NODE_ENV: 'test',
  SESSION_SECRET: 'first-visit-bench-session-secret',
  PUBLIC_URL: baseUrl,
  PORT: String(port),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
});
const app = await createApp(config, withDatabase(serverUrl, NAME));
await app.listen(port, '127.0.0.1');
// A server that has been running: its renderer loaded and warm (the first page after a start pays
// for importing it, outside production).
for (let i = 0; i < 5; i++) await fetch(`${baseUrl}/courses`).then((r) => r.text());
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const [label, options] of [
  ['/courses, English', { path: '/courses' }],
  ['/courses, Arabic (cookie)', { path: '/courses', cookies: [{ name: 'ctlp.locale', value: 'ar' }] }],
  ['/courses/international-legal-framework', { path: '/courses/international-legal-framework' }],
]) {
  const visits = [];
  for (let run = 0; run < RUNS; run++) {
    const visit = await firstVisit(browser, baseUrl, options);
    console.log(`· ${describe(label, visit)}`);
    visits.push(visit);
    await visit.close();
  }
  rows.push({
    label,
    fcp: median(visits.map((v) => v.fcpMs)),
    usable: median(visits.map((v) => v.usableMs)),
    cls: Math.max(...visits.map((v) => v.cls)),
    requests: median(visits.map((v) => v.atUsable.requests)),
    bytes: median(visits.map((v) => v.atUsable.bytes)),
  });
}
await browser.close();

// Lighthouse 12 (13 needs Node 22), run through npx so the repository carries no dependency for it.
// Asynchronously: this process serves the pages it loads (spawnSync would block the server, and
// Lighthouse waited for a page that never came).
const execFileAsync = promisify(execFile);
const lighthouse = [];
for (const page of ['/', '/courses', '/courses/international-legal-framework']) {
  const report = path.join(dataDir, 'lighthouse.json');
  try {
    await execFileAsync(
      'npx',
      [
        '-y',
        'lighthouse@12.8.2',
        `${baseUrl}${page}`,
        '--quiet',
        '--output=json',
        `--output-path=${report}`,
        '--only-categories=performance,accessibility',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const { categories, audits } = JSON.parse(readFileSync(report, 'utf8'));
    lighthouse.push(
      `${page}: performance ${Math.round(categories.performance.score * 100)}, accessibility ${Math.round(categories.accessibility.score * 100)} (mobile, simulated slow 4G: FCP ${audits['first-contentful-paint'].displayValue}, LCP ${audits['largest-contentful-paint'].displayValue}, TBT ${audits['total-blocking-time'].displayValue}, CLS ${audits['cumulative-layout-shift'].displayValue})`,
    );
  } catch (error) {
    lighthouse.push(
      `${page}: could not run (${String(error.stderr || error.message)
        .trim()
        .split('\n')
        .at(-1)})`,
    );
  }
}

await app.close();
await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.end();
await stopEmbedded();
rmSync(dataDir, { recursive: true, force: true });

console.log(`\nFirst visit over 400 ms RTT / 400 kbit/s, no cache (median of ${RUNS}; targets FCP ≤ 1.5 s, usable ≤ 3.0 s)\n`);
console.log('| page | FCP | usable (its script has run) | CLS | requests | bytes |');
console.log('|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.label} | ${seconds(r.fcp)} | ${seconds(r.usable)} | ${r.cls.toFixed(3)} | ${r.requests} | ${kb(r.bytes)} |`);
console.log(`\nLighthouse:\n${lighthouse.map((line) => `- ${line}`).join('\n')}`);
process.exit(0);
