// Personal data rights end to end: a learner downloads everything held about them and asks for
// erasure; an admin completes it from /admin/erasure-requests; the certificate still verifies, its
// holder withheld. axe in English and Arabic, and no sideways scroll on a phone.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** A learner with a completed demo course and its certificate; the certificate's verification code. */
async function learnerWithCertificate(options) {
  const email = await createAccount(platform, options);
  const code = randomUUID().replace(/-/g, '');
  await platform.db.query(
    `WITH u AS (SELECT id, full_name FROM users WHERE email = $1),
          co AS (SELECT id, title FROM courses WHERE status = 'published' ORDER BY slug LIMIT 1),
          e AS (INSERT INTO enrolments (course_id, user_id, status, source, completed_at)
                SELECT co.id, u.id, 'completed', 'self', now() FROM u, co RETURNING id, user_id, course_id)
     INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours)
     SELECT e.id, e.user_id, e.course_id, 'CTLP-BROWSER-' || left($2, 6), $2, u.full_name, co.title, 2 FROM e, u, co`,
    [email, code],
  );
  return { email, code };
}

test('a learner downloads their data and asks for erasure; an admin erases them; verification withholds the name', async () => {
  const { email, code } = await learnerWithCertificate({ fullName: 'Amina Haddad' });
  const learner = await newPage(platform, { bypassCSP: true });
  await logIn(learner, email);
  await learner.goto('/profile');
  await learner.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
  await learner.waitForLoadState('networkidle');
  assert.deepEqual(await axeViolations(learner), []);

  const download = learner.waitForEvent('download');
  await learner.getByRole('link', { name: 'Download my data' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'ctlp-my-data.json');
  const data = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.equal(data.account.email, email);
  assert.equal(data.certificates[0].verificationCode, code);
  assert.doesNotMatch(JSON.stringify(data), /argon2/);

  await learner.getByRole('button', { name: 'Request erasure' }).click();
  const dialog = learner.getByRole('dialog');
  await dialog.getByText('Your certificates stay valid').waitFor();
  const requested = learner.waitForResponse((r) => r.url().endsWith('/api/me/erasure') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Request erasure' }).click();
  assert.equal((await requested).status(), 201);
  await learner.getByText('You asked for your data to be erased on').waitFor();
  await learner.getByRole('button', { name: 'Withdraw the request' }).waitFor();
  await screenshot(learner, 'data-rights-requested');
  assert.deepEqual(learner.errors, []);

  const admin = await newPage(platform, { bypassCSP: true });
  await logIn(admin, await createAccount(platform, { roles: ['admin'] }));
  await admin.getByRole('link', { name: 'Erasure requests' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Erasure requests' }).waitFor();
  const row = admin.locator('main tbody tr', { hasText: 'Amina Haddad' });
  await row.waitFor();
  await admin.waitForLoadState('networkidle');
  assert.deepEqual(await axeViolations(admin), []);
  await admin.setViewportSize(PHONE);
  assert.ok((await overflow(admin)) <= 0, 'the admin page scrolls sideways on a phone');
  await screenshot(admin, 'data-rights-admin-phone');

  await row.getByRole('button', { name: 'Erase Amina Haddad' }).click();
  const erased = admin.waitForResponse((r) => r.url().includes('/complete') && r.request().method() === 'POST');
  await admin.getByRole('dialog').getByRole('button', { name: 'Erase' }).click();
  assert.equal((await erased).status(), 200);
  await admin.getByText('No open erasure request.').waitFor();
  assert.deepEqual(admin.errors, []);

  const visitor = await newPage(platform);
  await visitor.goto(`/verify/${code}`);
  await visitor.getByText('Withheld at the holder’s request').waitFor();
  assert.doesNotMatch(await visitor.locator('main').innerText(), /Amina Haddad/);
  await screenshot(visitor, 'data-rights-verify-withheld');
});

test('in Arabic the data section and the admin page are right to left, pass axe and fit a phone', async () => {
  const { email } = await learnerWithCertificate({ fullName: 'أمينة حداد', locale: 'ar' });
  const learner = await newPage(platform, { locale: 'ar', bypassCSP: true });
  await logIn(learner, email);
  await learner.goto('/profile');
  await learner.getByRole('heading', { level: 2, name: 'بياناتك الشخصية' }).waitFor();
  await learner.waitForFunction(() => document.documentElement.dir === 'rtl');
  await learner.getByRole('button', { name: 'طلب المحو' }).click();
  await learner.getByRole('dialog').getByRole('button', { name: 'طلب المحو' }).click();
  await learner.getByRole('button', { name: 'سحب الطلب' }).waitFor();
  await learner.waitForLoadState('networkidle');
  assert.deepEqual(await axeViolations(learner), []);
  await learner.setViewportSize(PHONE);
  assert.ok((await overflow(learner)) <= 0, 'the profile scrolls sideways on a phone');

  const admin = await newPage(platform, { locale: 'ar', bypassCSP: true });
  await logIn(admin, await createAccount(platform, { roles: ['admin'], locale: 'ar' }));
  await admin.goto('/admin/erasure-requests');
  await admin.getByRole('heading', { level: 1, name: 'طلبات المحو' }).waitFor();
  await admin.locator('main tbody tr', { hasText: 'أمينة حداد' }).waitFor();
  await admin.waitForLoadState('networkidle');
  assert.deepEqual(await axeViolations(admin), []);
  await admin.setViewportSize(PHONE);
  assert.ok((await overflow(admin)) <= 0, 'the admin page scrolls sideways on a phone');
  await screenshot(admin, 'data-rights-admin-ar-phone');
  assert.deepEqual([...learner.errors, ...admin.errors], []);
});
