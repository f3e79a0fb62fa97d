// Two-step sign-in for staff, in Chromium against the real API with MFA_REQUIRED_ROLES on: an
// admin without TOTP is sent to set it up from every page, sets it up from the QR code's key
// (the test computes the codes an app would), then signs in again with a code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { axeViolations, createAccount, DEMO_PASSWORD, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform({ env: { MFA_REQUIRED_ROLES: 'admin,focal_point' } });
});
after(() => platform?.close());

/** The code an authenticator app shows for `secret`, `stepsAhead` time steps from now. */
function codeFor(secret, stepsAhead = 0) {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** Email and password on the sign-in page; what comes next is up to the test. */
async function passwordStep(page, email) {
  await page.goto('/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
}

test('an admin is sent to set up TOTP, gets recovery codes, reaches admin pages, and signs in with a code next time', async () => {
  const email = await createAccount(platform, { roles: ['admin'], fullName: 'Nadia Admin' });
  const page = await newPage(platform, { bypassCSP: true });
  await passwordStep(page, email);
  await page.waitForURL((url) => url.pathname === '/security');
  await page.getByRole('heading', { level: 1, name: 'Two-step sign-in' }).waitFor();
  // Every page sends them back until it is set up.
  await page.goto('/users');
  await page.waitForURL((url) => url.pathname === '/security');
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await page.getByRole('img', { name: 'QR code to add CTLP to an authenticator app' }).waitFor();
  const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const code = page.getByLabel('Code shown by the app');
  assert.equal(await code.getAttribute('inputmode'), 'numeric');
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  await code.fill(codeFor(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  const codes = await page.getByTestId('recovery-codes').locator('li').allInnerTexts();
  assert.equal(codes.length, 10);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'mfa-recovery-codes');

  await page.getByRole('link', { name: 'Continue to the platform' }).click();
  await page.goto('/users');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Two-step sign-in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/users');

  // Next sign-in: the password, then the code (one from the next time step: each is used once).
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await passwordStep(page, email);
  await page.getByRole('heading', { level: 1, name: 'Two-step sign-in' }).waitFor();
  const step = page.getByLabel('6-digit code');
  assert.equal(await step.getAttribute('inputmode'), 'numeric');
  assert.equal(await step.getAttribute('autocomplete'), 'one-time-code');
  assert.deepEqual(await axeViolations(page), []);
  await step.fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('This code is not right, or it was already used.').first().waitFor();
  await step.fill(codeFor(secret, 1));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  assert.equal((await page.request.get('/api/users')).status(), 200);

  // Once more, with a recovery code instead.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await passwordStep(page, email);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(codes[0]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  assert.deepEqual(page.errors, []);
});

test('the setup page and the code step in Arabic, right to left and accessible', async () => {
  const email = await createAccount(platform, { roles: ['focal_point'], locale: 'ar' });
  const page = await newPage(platform, { locale: 'ar', bypassCSP: true });
  await passwordStep(page, email);
  await page.waitForURL((url) => url.pathname === '/security');
  await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول بخطوتين' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByRole('button', { name: 'ضبط تسجيل الدخول بخطوتين' }).click();
  const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'mfa-setup-ar');
  await page.getByLabel('الرمز الذي يعرضه التطبيق').fill(codeFor(secret));
  await page.getByRole('button', { name: 'تفعيل' }).click();
  await page.getByTestId('recovery-codes').waitFor();

  const next = await newPage(platform, { locale: 'ar', bypassCSP: true });
  await passwordStep(next, email);
  await next.getByLabel('رمز من 6 أرقام').waitFor();
  assert.equal(await next.locator('html').getAttribute('dir'), 'rtl');
  assert.deepEqual(await axeViolations(next), []);
  await screenshot(next, 'mfa-code-step-ar');
  assert.deepEqual([...page.errors, ...next.errors], []);
});
