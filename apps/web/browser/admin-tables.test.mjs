// The admin tables on a phone (Vetting, Users) and a vetting decision that asks, tells and counts:
// in Chromium against the real API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const PHONE = { width: 390, height: 844 };

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** Whether the page scrolls sideways (on a phone, only a table's own box may). */
function overflowsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The buttons in the page's table that stick out of the window, by their names. */
function buttonsOffScreen(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('main table button'))
      .filter((button) => {
        const box = button.getBoundingClientRect();
        return box.left < 0 || box.right > window.innerWidth;
      })
      .map((button) => button.textContent.trim()),
  );
}

/** A registration waiting for vetting, made directly in the database. */
async function pendingRegistration(fullName, memberState = 'KEN') {
  const email = await createAccount(platform, { fullName, memberState });
  await platform.db.query(`UPDATE users SET status = 'pending' WHERE email = $1`, [email]);
  return email;
}

async function statusOf(fullName) {
  return (await platform.db.query('SELECT status FROM users WHERE full_name = $1', [fullName])).rows[0].status;
}

async function pendingInKenya() {
  return (await platform.db.query(`SELECT count(*)::int AS n FROM users WHERE status = 'pending' AND member_state = 'KEN'`)).rows[0].n;
}

test('on a phone, Vetting and Users show their rows as cards: nothing scrolls sideways and every button is on screen', async () => {
  await pendingRegistration('Maria-Concepción Fernández de la Torre Villanueva', 'ESP');
  for (const language of ['en', 'ar']) {
    const phone = await newPage(platform, { viewport: PHONE, locale: language === 'ar' ? 'ar' : 'en-GB', bypassCSP: true });
    await logIn(phone, await createAccount(platform, { roles: ['admin'], locale: language, fullName: `Admin ${language}` }));
    for (const path of ['/vetting', '/users']) {
      await phone.goto(path);
      await phone.waitForFunction((l) => document.documentElement.lang === l, language);
      await phone.locator('main table tbody tr').first().waitFor();
      await phone.waitForLoadState('networkidle');
      assert.equal(await overflowsSideways(phone), false, `${language} ${path} scrolls sideways`);
      assert.deepEqual(await buttonsOffScreen(phone), [], `${language} ${path}: buttons off screen`);
      // Each cell is named after its column on the card (the column headers are out of sight).
      assert.ok((await phone.locator('main tbody td[data-label]').count()) > 0);
      assert.deepEqual(await axeViolations(phone), [], `${language} ${path}`);
      await screenshot(phone, `phone-${language}${path.replace('/', '-')}`);
    }
    assert.deepEqual(phone.errors, []);
  }
});

test('approving asks first, Cancel leaves the registration waiting, and confirming tells who was approved and lowers the count', async () => {
  await pendingRegistration('Wanjiru Kamau');
  const waiting = await pendingInKenya();
  assert.ok(waiting >= 2);
  const focal = await newPage(platform);
  await logIn(focal, 'focal.point@ctlp.example');
  await focal.goto('/vetting');
  const nav = focal.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: `Vetting (registrations waiting: ${waiting})` }).waitFor();

  // Cancel: nothing happens, the registration stays, focus back on its button.
  await focal.getByRole('button', { name: 'Approve Wanjiru Kamau' }).click();
  const dialog = focal.getByRole('dialog', { name: 'Approve the registration of Wanjiru Kamau?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await statusOf('Wanjiru Kamau'), 'pending');
  assert.equal(await focal.getByRole('button', { name: 'Approve Wanjiru Kamau' }).evaluate((b) => b === document.activeElement), true);

  // Confirm: a toast names the person, the row goes, the count drops, focus moves to the next row.
  const rows = focal.locator('main tbody tr');
  const names = await rows.locator('th').allInnerTexts();
  const index = names.findIndex((text) => text.startsWith('Wanjiru Kamau'));
  await focal.getByRole('button', { name: 'Approve Wanjiru Kamau' }).click();
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await focal.locator('.toasts').filter({ hasText: /\S/ }).getByText('Wanjiru Kamau approved.').waitFor();
  await focal.getByRole('button', { name: 'Approve Wanjiru Kamau' }).waitFor({ state: 'detached' });
  await nav.getByRole('link', { name: `Vetting (registrations waiting: ${waiting - 1})` }).waitFor();
  assert.equal(await statusOf('Wanjiru Kamau'), 'active');
  const focused = await focal.evaluate(() => document.activeElement?.textContent?.trim());
  const next = names[index + 1] ?? names[index - 1];
  assert.ok(focused?.startsWith('Approve'), `focus on ${focused}`);
  assert.ok(focused.includes(next.split('\n')[0]), `focus on ${focused}, expected the row of ${next}`);
  assert.deepEqual(focal.errors, []);
});

test('Undo in the toast puts an approved registration back in the queue and the count back up', async () => {
  await pendingRegistration('Achieng Otieno');
  const waiting = await pendingInKenya();
  const focal = await newPage(platform);
  await logIn(focal, 'focal.point@ctlp.example');
  await focal.goto('/vetting');
  const nav = focal.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: `Vetting (registrations waiting: ${waiting})` }).waitFor();
  await focal.getByRole('button', { name: 'Approve Achieng Otieno' }).click();
  await focal.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
  const toast = focal.locator('.toasts .toast').filter({ hasText: 'Achieng Otieno approved.' });
  await toast.waitFor();
  await nav.getByRole('link', { name: `Vetting (registrations waiting: ${waiting - 1})` }).waitFor();
  assert.equal(await statusOf('Achieng Otieno'), 'active');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await focal.locator('.toasts').getByText('Undone: Achieng Otieno waiting again.').waitFor();
  await focal.getByRole('button', { name: 'Approve Achieng Otieno' }).waitFor();
  await nav.getByRole('link', { name: `Vetting (registrations waiting: ${waiting})` }).waitFor();
  assert.equal(await statusOf('Achieng Otieno'), 'pending');
  assert.deepEqual(focal.errors, []);
});

test('approving the last registration waiting moves focus to the heading and the badge goes away', async () => {
  const focal = await newPage(platform);
  const email = await createAccount(platform, { roles: ['focal_point'], memberState: 'UGA', fullName: 'Focal Uganda' });
  await pendingRegistration('Okello Mukasa', 'UGA');
  await logIn(focal, email);
  await focal.goto('/vetting');
  const nav = focal.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Vetting (registrations waiting: 1)' }).waitFor();
  await focal.getByRole('button', { name: 'Approve Okello Mukasa' }).click();
  await focal.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
  await focal.getByText('No registrations here.').waitFor();
  await nav.getByRole('link', { name: 'Vetting', exact: true }).waitFor();
  assert.equal(await focal.getByRole('heading', { level: 1 }).evaluate((h) => h === document.activeElement), true);
  assert.deepEqual(focal.errors, []);
});

test('ticked registrations are approved together after one confirmation, and the others keep waiting', async () => {
  const focal = await newPage(platform);
  const email = await createAccount(platform, { roles: ['focal_point'], memberState: 'TZA', fullName: 'Focal Tanzania' });
  for (const name of ['Neema Mushi', 'Baraka Mollel', 'Zawadi Kimaro']) await pendingRegistration(name, 'TZA');
  await logIn(focal, email);
  await focal.goto('/vetting');
  const nav = focal.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Vetting (registrations waiting: 3)' }).waitFor();
  const approveSelected = focal.getByRole('button', { name: /^Approve selected/ });
  assert.equal(await approveSelected.isDisabled(), true);

  await focal.getByLabel('Select Neema Mushi', { exact: true }).check();
  await focal.getByLabel('Select Zawadi Kimaro', { exact: true }).check();
  await focal.getByRole('button', { name: 'Approve selected (2)' }).click();
  const dialog = focal.getByRole('dialog', { name: 'Approve these registrations (2)?' });
  await dialog.getByText('Neema Mushi').waitFor();
  await dialog.getByText('Zawadi Kimaro').waitFor();
  assert.equal(await dialog.getByText('Baraka Mollel').count(), 0);
  await dialog.getByRole('button', { name: 'Approve selected (2)' }).click();

  await focal.locator('.toasts').filter({ hasText: /\S/ }).getByText('Approved: Neema Mushi and Zawadi Kimaro.').waitFor();
  await nav.getByRole('link', { name: 'Vetting (registrations waiting: 1)' }).waitFor();
  assert.deepEqual(
    await focal
      .locator('main tbody th')
      .allInnerTexts()
      .then((texts) => texts.map((text) => text.split('\n')[0])),
    ['Baraka Mollel'],
  );
  assert.equal(await statusOf('Neema Mushi'), 'active');
  assert.equal(await statusOf('Zawadi Kimaro'), 'active');
  assert.equal(await statusOf('Baraka Mollel'), 'pending');
  assert.equal(await focal.getByLabel('Select Baraka Mollel', { exact: true }).isChecked(), false);
  assert.deepEqual(focal.errors, []);
});

test('revoking a certificate asks for a reason, and Undo in the toast makes the same certificate valid again', async () => {
  const email = await createAccount(platform, { fullName: 'Grace Njeri', memberState: 'KEN' });
  const [{ id: userId }] = (await platform.db.query(`SELECT id FROM users WHERE email = $1`, [email])).rows;
  const [{ id: courseId, title }] = (await platform.db.query(`SELECT id, title FROM courses WHERE slug = 'international-legal-framework'`))
    .rows;
  const [{ id: enrolmentId }] = (
    await platform.db.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, completed_at) VALUES ($1, $2, 'completed', 'self', now()) RETURNING id`,
      [courseId, userId],
    )
  ).rows;
  const serial = 'CTLP-2026-000777';
  await platform.db.query(
    `INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours)
     VALUES ($1, $2, $3, $4, 'browser-revoke-code-000000', 'Grace Njeri', $5, 1)`,
    [enrolmentId, userId, courseId, serial, title],
  );
  const revokedAt = async () =>
    (await platform.db.query(`SELECT revoked_at FROM certificates WHERE serial = $1`, [serial])).rows[0].revoked_at;

  const admin = await newPage(platform);
  await logIn(admin, 'admin@ctlp.example');
  await admin.goto(`/teach/${courseId}/learners`);
  await admin.getByRole('button', { name: `Revoke ${serial}` }).click();
  await admin.getByLabel(`Why is certificate ${serial} revoked?`).fill('Issued to the wrong person');
  await admin.getByRole('button', { name: 'Revoke the certificate' }).click();
  const toast = admin.locator('.toasts .toast').filter({ hasText: `Certificate ${serial} revoked.` });
  await toast.waitFor();
  assert.notEqual(await revokedAt(), null);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await admin.locator('.toasts').getByText(`Certificate ${serial} is valid again.`).waitFor();
  assert.equal(await revokedAt(), null);
  // The learners table offers to revoke it again: it is valid.
  await admin.getByRole('button', { name: `Revoke ${serial}` }).waitFor();
  assert.deepEqual(admin.errors, []);
});
