// The official's own account, driven in Chromium against the real API: the profile, the
// password, and the devices signed in (each browser context is a device with its own User-Agent).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccount, DEMO_PASSWORD, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const AGENTS = {
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
  androidPhone: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
};

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** Whether the API still knows this browser as signed in. */
async function signedIn(page) {
  return (await page.request.get('/api/auth/me')).status() === 200;
}

/** Another device signed in to the same account. */
async function device(email, userAgent, password = DEMO_PASSWORD) {
  const page = await newPage(platform, { userAgent });
  await logIn(page, email, password);
  return page;
}

/** The names in the first column of the devices table, as shown. */
function deviceRows(page) {
  return page.locator('main table tbody th').allInnerTexts();
}

test('an official edits their profile from the account menu, and the interface takes the language they choose', async () => {
  const email = await createAccount(platform, { fullName: 'Amina Haddad' });
  const page = await newPage(platform);
  await logIn(page, email);

  await page.getByRole('link', { name: 'Your profile: Amina Haddad' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
  assert.equal(await page.title(), 'Your profile — Counter-Terrorism Learning Platform');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Amina Haddad');

  await page.getByLabel('Full name').fill('Amina Haddad-Benali');
  await page.getByLabel('Institution').fill('Office of the Public Prosecutor');
  await page.getByLabel('Job title').fill('Senior Prosecutor');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).waitFor();
  // The header shows the new name at once, without a reload.
  await page.getByRole('link', { name: 'Your profile: Amina Haddad-Benali' }).waitFor();
  const [row] = (await platform.db.query('SELECT full_name, institution, job_title FROM users WHERE email = $1', [email])).rows;
  assert.deepEqual(row, {
    full_name: 'Amina Haddad-Benali',
    institution: 'Office of the Public Prosecutor',
    job_title: 'Senior Prosecutor',
  });

  // A name the API refuses is named under its field.
  await page.getByLabel('Full name').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('.field-error').first().waitFor();
  assert.equal(await page.getByLabel('Full name').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Full name').fill('Amina Haddad-Benali');

  await page.getByLabel('Preferred language').selectOption('fr');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.getByRole('heading', { level: 1, name: 'Votre profil' }).waitFor();
  // The confirmation speaks the language the change has just chosen.
  await page.getByRole('status').filter({ hasText: 'Votre profil est enregistré.' }).waitFor();
  assert.equal((await platform.db.query('SELECT locale FROM users WHERE email = $1', [email])).rows[0].locale, 'fr');

  // The header's language switcher changes the profile too, and the form shows it.
  await page.locator('.language-switcher select').selectOption('es');
  await page.getByRole('heading', { level: 1, name: 'Su perfil' }).waitFor();
  await page.waitForFunction(() => document.querySelector('main select')?.value === 'es');
  await page.getByLabel('Idioma preferido').selectOption('fr');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Votre profil' }).waitFor();

  // Another device signed in later speaks the profile's language too.
  const other = await device(email, AGENTS.firefoxWindows);
  await other.goto('/profile');
  await other.getByRole('heading', { level: 1, name: 'Votre profil' }).waitFor();
  await screenshot(page, 'account-profile-fr');
  assert.deepEqual([...page.errors, ...other.errors], []);
});

test('devices: each listed by browser and system, this one marked; one signed out, then all the others', async () => {
  const email = await createAccount(platform, { fullName: 'Devices Official' });
  const firefox = await device(email, AGENTS.firefoxWindows);
  const safari = await device(email, AGENTS.safariMac);
  const edge = await device(email, AGENTS.edgeWindows);
  const page = await newPage(platform);
  await logIn(page, email);

  await page.goto('/profile');
  await page.getByRole('table', { name: 'Signed-in devices' }).waitFor();
  const rows = await deviceRows(page);
  // This device first (Chromium on Linux, as the suite runs it), then the newest.
  assert.deepEqual(rows, ['Chrome on Linux This device', 'Edge on Windows', 'Safari on macOS', 'Firefox on Windows']);
  const thisRow = page.locator('main table tbody tr').first();
  assert.equal(await thisRow.getByRole('button').count(), 0);
  assert.match(await thisRow.locator('td').nth(1).innerText(), /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);

  await page.getByRole('button', { name: /^Sign out Safari on macOS, signed in / }).click();
  await page.getByRole('status').filter({ hasText: 'The device is signed out.' }).waitFor();
  assert.deepEqual(await deviceRows(page), ['Chrome on Linux This device', 'Edge on Windows', 'Firefox on Windows']);
  assert.equal(await signedIn(safari), false);
  assert.equal(await signedIn(firefox), true);

  // Signed out, that device's next page asks it to sign in again.
  await safari.goto('/learning');
  await safari.waitForURL(/\/login\?next=/);

  await page.getByRole('button', { name: 'Sign out all other devices' }).click();
  await page.getByRole('status').filter({ hasText: 'Every other device is signed out.' }).waitFor();
  assert.deepEqual(await deviceRows(page), ['Chrome on Linux This device']);
  assert.equal(await page.getByRole('button', { name: 'Sign out all other devices' }).count(), 0);
  assert.deepEqual([await signedIn(firefox), await signedIn(edge), await signedIn(page)], [false, false, true]);
  await screenshot(page, 'account-devices');
  assert.deepEqual(page.errors, []);
});

test('a new password: a wrong current one is refused, this device stays signed in, the others are signed out, only the new one works', async () => {
  const email = await createAccount(platform, { fullName: 'Password Official' });
  const phone = await device(email, AGENTS.androidPhone);
  const page = await newPage(platform);
  await logIn(page, email);
  await page.goto('/profile');
  const form = page.locator('form', { has: page.getByLabel('Current password') });

  await page.getByLabel('Current password').fill('not the password at all');
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase for CTLP');
  await page.getByLabel('Repeat the new password').fill('a brand new passphrase for CTLP');
  await form.getByRole('button', { name: 'Change the password' }).click();
  await form.locator('.form-error, .field-error').first().waitFor();
  assert.equal(await signedIn(phone), true);

  // Two different new passwords are caught before anything is sent.
  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByLabel('Repeat the new password').fill('a brand new passphrase for CTLQ');
  await form.getByRole('button', { name: 'Change the password' }).click();
  await form.getByText('The two passwords are not the same.').waitFor();

  await page.getByLabel('Repeat the new password').fill('a brand new passphrase for CTLP');
  await form.getByRole('button', { name: 'Change the password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
  assert.equal(await page.getByLabel('Current password').inputValue(), '');
  assert.equal(await signedIn(page), true);
  assert.equal(await signedIn(phone), false);
  await page.getByRole('table', { name: 'Signed-in devices' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1);
  assert.deepEqual(await deviceRows(page), ['Chrome on Linux This device']);

  const old = await newPage(platform);
  await old.goto('/login');
  await old.locator('input[type=email]').fill(email);
  await old.locator('input[type=password]').fill(DEMO_PASSWORD);
  await old.locator('form button[type=submit]').click();
  await old.getByRole('alert').filter({ hasText: 'The email address or the password is wrong.' }).waitFor();
  await logIn(old, email, 'a brand new passphrase for CTLP');
  assert.equal(await signedIn(old), true);
  assert.deepEqual([...page.errors, ...old.errors], []);
});
