// The browser suite: the built platform on a test database, driven by Debian's Chromium.
// `npm run test:browser -w @ctlp/web` (and `npm test` at the root) after `npm run build`.
// Without Chromium it says so and stops without failing; CI installs it, so CI always runs it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase } from '../../api/dist/database/embedded-postgres.js';
import { prepareDatabase } from '../../api/dist/database/prepare-database.js';
import { CHROMIUM } from './support.mjs';

if (!CHROMIUM) {
  console.log('\n*** Browser tests SKIPPED: no Chromium found (install it with `apt-get install chromium`, or set CHROMIUM_PATH). ***\n');
  process.exit(0);
}
for (const built of ['../dist/index.html', '../../api/dist/main.js']) {
  if (!existsSync(path.resolve(import.meta.dirname, built))) {
    console.error(`Browser tests need the built platform (${built} is missing): run \`npm run build\` first.`);
    process.exit(1);
  }
}

let stop = async () => undefined;
let serverUrl;
const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (given) {
  serverUrl = withDatabase(given, 'postgres');
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctlp-browser-pg-'));
  chmodSync(dir, 0o755); // the server runs as the postgres user when this runs as root
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port: 55433 });
  serverUrl = server.serverUrl;
  stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

// One migrated database with the Member States, demo accounts and demo courses; each test file
// works on its own copy of it.
const template = `ctlp_browser_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${template}`);
await admin.query(`CREATE DATABASE ${template}`);
await prepareDatabase(withDatabase(serverUrl, template), { seedDemo: true });

// Every *.test.mjs here unless files are named: a new test file cannot be left out of CI.
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(import.meta.dirname)
      .filter((name) => name.endsWith('.test.mjs'))
      .sort();
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    cwd: import.meta.dirname,
    stdio: 'inherit',
    env: { ...process.env, CTLP_BROWSER_SERVER_URL: serverUrl, CTLP_BROWSER_TEMPLATE: template },
  });
  child.on('exit', (exitCode) => resolve(exitCode ?? 1));
});

await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
await admin.end();
await stop();
process.exit(code);
