// What every browser test file needs: its own copy of the database, the platform on it, Chromium.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { hashPassword } from '../../api/dist/auth/passwords.js';
import { loadConfig } from '../../api/dist/config/app-config.js';
import { createApp } from '../../api/dist/create-app.js';
import { withDatabase } from '../../api/dist/database/embedded-postgres.js';

const require = createRequire(import.meta.url);
export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
export const DEMO_PASSWORD = 'ctlp-demo-passphrase';
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
const SEEDS = path.resolve(import.meta.dirname, '../../../seeds');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The built API and web app on this file's own copy of the seeded database. `env` adds to its
 * configuration (SMTP_URL, JOBS_WORKER); `app` is the Nest application, for a test that needs one
 * of its services (to send a message as the platform would).
 */
export async function startPlatform({ env = {} } = {}) {
  const serverUrl = process.env.CTLP_BROWSER_SERVER_URL;
  const name = `${process.env.CTLP_BROWSER_TEMPLATE}_${randomBytes(4).toString('hex')}`;
  const maintenance = new pg.Client({ connectionString: serverUrl });
  await maintenance.connect();
  await maintenance.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.CTLP_BROWSER_TEMPLATE}`);
  const databaseUrl = withDatabase(serverUrl, name);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const dataDir = path.join(path.dirname(SCREENSHOTS), '.data', name);
  // PUBLIC_URL (the Origin check, the QR codes) must be the address the browser uses.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'browser-session-secret-long-enough',
    PUBLIC_URL: baseUrl,
    PORT: String(port),
    DATA_DIR: dataDir,
    // Long enough to reach a toast's Undo, short enough for the mail tests to see decisions arrive.
    VETTING_UNDO_SECONDS: '8',
    // The suite signs in as admins without TOTP everywhere; mfa.test.mjs turns this on and proves it.
    MFA_REQUIRED_ROLES: '',
    ...env,
  });
  const app = await createApp(config, databaseUrl);
  await app.listen(port, '127.0.0.1');
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
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl,
    db,
    browser,
    app,
    async close() {
      await browser.close();
      await app.close();
      await db.end();
      await maintenance.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await maintenance.end();
    },
  };
}

/** A page in a fresh context (no cookies), failing the test on any script error. */
export async function newPage(
  platform,
  { locale = 'en-GB', viewport = { width: 1280, height: 900 }, bypassCSP = false, userAgent = undefined } = {},
) {
  // bypassCSP only to inject axe-core: the platform's CSP rightly refuses inline scripts.
  // userAgent: to tell several signed-in "devices" apart, as the profile's list of devices does.
  const context = await platform.browser.newContext({
    locale,
    viewport,
    acceptDownloads: true,
    baseURL: platform.baseUrl,
    bypassCSP,
    ...(userAgent ? { userAgent } : {}),
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

export async function logIn(page, email, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** An active account made directly in the database, for tests that are not about registration. */
export async function createAccount(
  platform,
  { roles = ['learner'], memberState = 'KEN', locale = 'en', fullName = 'Test Official', gender = 'female' } = {},
) {
  const email = `${roles[0]}-${randomBytes(4).toString('hex')}@browser.example`;
  await platform.db.query(
    `INSERT INTO users (email, full_name, member_state, institution, agency_type, job_title, gender, locale, roles, status, password_hash)
     VALUES ($1, $2, $3, 'National Police Service', 'police', 'Inspector', $4, $5, $6, 'active', $7)`,
    [email, fullName, memberState, gender, locale, roles, await hashPassword(DEMO_PASSWORD)],
  );
  return email;
}

/** A demo course's structure and right answers, read from the seed the platform loaded. */
export function demoCourse(slug) {
  return JSON.parse(readFileSync(path.join(SEEDS, 'courses', slug, 'course.json'), 'utf8'));
}

/** axe-core on the page as it is: the serious and critical violations, described. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

export function screenshot(page, name) {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
