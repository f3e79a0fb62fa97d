// Training activities in Chromium against the real API: an organiser creates one, adds a registered
// official and a person without an account, ticks attendance; axe on the pages in English and Arabic.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const PHONE = { width: 390, height: 844 };

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** How the English interface names a day in the attendance grid's labels ("March 3"). */
const dayName = (day) =>
  new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** Today as the API counts check-in days (UTC). */
const today = () => new Date().toISOString().slice(0, 10);

/** An activity made through the API as the signed-in page's user, for tests that are not about the form. */
async function createActivity(page, body) {
  const response = await page.request.post('/api/activities', {
    headers: { origin: platform.baseUrl },
    data: { kind: 'workshop', delivery: 'in_person', venueMemberState: 'KEN', city: 'Nairobi', hours: 6, requiredAttendance: 100, ...body },
  });
  assert.equal(response.status(), 201, await response.text());
  return response.json();
}

/** Ticks or unticks an attendance box and waits until the API has saved it. */
async function tick(page, label, checked = true) {
  const saved = page.waitForResponse((r) => r.url().endsWith('/attendance') && r.request().method() === 'POST');
  await page.getByLabel(label).setChecked(checked);
  assert.equal((await saved).status(), 200);
}

/** Whether the page scrolls sideways (on a phone, only a table's own box may). */
function overflowsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test('a trainer creates an activity, adds a registered official and a person without an account, and ticks attendance', async () => {
  const trainer = await newPage(platform);
  await logIn(trainer, await createAccount(platform, { roles: ['trainer'], fullName: 'Tomás Trainer' }));
  await createAccount(platform, { fullName: 'Amina Diallo', memberState: 'SEN' });

  await trainer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activities' }).click();
  await trainer.getByRole('heading', { level: 1, name: 'Training activities' }).waitFor();
  await trainer.getByRole('link', { name: 'New activity' }).click();

  // The API's refusals show under their fields.
  await trainer.getByRole('button', { name: 'Create the activity' }).click();
  await trainer.locator('.field-error').first().waitFor();
  assert.equal(await trainer.getByLabel('Title').getAttribute('aria-invalid'), 'true');

  await trainer.getByLabel('Title').fill('Regional workshop on foreign terrorist fighters');
  await trainer.getByLabel('Kind of activity').selectOption('workshop');
  await trainer.getByLabel('Venue Member State').fill('Kenya');
  await trainer.getByLabel('City').fill('Nairobi');
  await trainer.getByLabel('Member States served').selectOption(['KEN', 'SEN', 'UGA']);
  await trainer.getByLabel('First day').fill('2027-03-01');
  await trainer.getByLabel('Last day').fill('2027-03-03');
  await trainer.getByLabel('Training hours').fill('18');
  await trainer.getByLabel('Attendance required (% of days)').fill('60');
  await trainer.getByRole('button', { name: 'Create the activity' }).click();
  await trainer.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
  await trainer.getByRole('heading', { level: 1, name: 'Regional workshop on foreign terrorist fighters' }).waitFor();
  await trainer.getByText('60% — 2 of 3 days').waitFor();

  // A registered official, found by name.
  await trainer.getByLabel('Name or email').fill('Amina');
  await trainer.getByRole('button', { name: 'Search' }).click();
  await trainer.getByRole('button', { name: 'Add Amina Diallo' }).click();
  await trainer.getByText('Amina Diallo has been added.').waitFor();
  await trainer.getByRole('rowheader', { name: /Amina Diallo/ }).waitFor();

  // A person without an account.
  await trainer.getByLabel('Full name').fill('Joseph Mwangi');
  await trainer.getByLabel('Email', { exact: true }).fill('joseph.mwangi@police.example');
  await trainer.locator('form').filter({ hasText: 'Add a person without an account' }).getByLabel('Member State').fill('Kenya');
  await trainer.getByRole('button', { name: 'Add the person' }).click();
  await trainer.getByRole('rowheader', { name: /Joseph Mwangi/ }).waitFor();

  // Attendance, saved box by box; two of three days complete it.
  for (const day of ['2027-03-01', '2027-03-02']) await tick(trainer, `Present on ${dayName(day)}: Amina Diallo`);
  await tick(trainer, `Present on ${dayName('2027-03-03')}: Joseph Mwangi`);
  const amina = trainer.getByRole('row', { name: /Amina Diallo/ });
  await amina.getByRole('cell', { name: 'Yes', exact: true }).waitFor();
  const joseph = trainer.getByRole('row', { name: /Joseph Mwangi/ });
  await joseph.getByRole('cell', { name: 'No', exact: true }).waitFor();
  const { rows } = await platform.db.query(
    `SELECT p.full_name, a.day::text AS day, a.present FROM activity_attendance a
       JOIN activity_participants ap ON ap.id = a.activity_participant_id JOIN participants p ON p.id = ap.participant_id
      ORDER BY p.full_name, a.day`,
  );
  assert.deepEqual(
    rows.map((r) => `${r.full_name} ${r.day} ${r.present}`),
    ['Amina Diallo 2027-03-01 true', 'Amina Diallo 2027-03-02 true', 'Joseph Mwangi 2027-03-03 true'],
  );
  await screenshot(trainer, 'activity');

  // Untick, reload: what shows is what was saved.
  await tick(trainer, `Present on ${dayName('2027-03-02')}: Amina Diallo`, false);
  await amina.getByRole('cell', { name: 'No', exact: true }).waitFor();
  await trainer.reload();
  assert.equal(await trainer.getByLabel(`Present on ${dayName('2027-03-02')}: Amina Diallo`).isChecked(), false);
  assert.equal(await trainer.getByLabel(`Present on ${dayName('2027-03-01')}: Amina Diallo`).isChecked(), true);

  // On a phone the grid scrolls inside its box, never the page.
  await trainer.setViewportSize(PHONE);
  await trainer.getByRole('rowheader', { name: /Joseph Mwangi/ }).waitFor();
  assert.equal(await overflowsSideways(trainer), false);
  await screenshot(trainer, 'activity-phone');
  await trainer.setViewportSize({ width: 1280, height: 900 });

  // Held, then closed, each asked first; a closed activity's grid no longer changes.
  trainer.on('dialog', (dialog) => void dialog.accept());
  await trainer.getByRole('button', { name: 'Mark as held' }).click();
  await trainer.getByRole('button', { name: 'Close the activity' }).click();
  await trainer.locator('.panel strong', { hasText: 'Closed' }).waitFor();
  assert.equal(await trainer.getByRole('checkbox').count(), 0);

  // The list, filtered in the address.
  await trainer.goto('/activities?kind=webinar');
  await trainer.getByText('No activity matches these filters.').waitFor();
  await trainer.goto('/activities?kind=workshop&status=closed');
  await trainer.getByRole('link', { name: 'Regional workshop on foreign terrorist fighters' }).waitFor();
  assert.deepEqual(trainer.errors, []);
});

test('axe finds no serious or critical violation on the activity pages in English and Arabic', async () => {
  const found = [];
  for (const language of ['en', 'ar']) {
    const page = await newPage(platform, { locale: language === 'ar' ? 'ar' : 'en-GB', bypassCSP: true });
    await logIn(page, await createAccount(platform, { roles: ['trainer'], locale: language, fullName: `Trainer ${language}` }));
    const activity = await createActivity(page, { title: `Workshop ${language}`, startsOn: today(), endsOn: today() });
    await page.request.post(`/api/activities/${activity.id}/participants`, {
      headers: { origin: platform.baseUrl },
      data: { participants: [{ fullName: 'Amina Diallo', memberState: 'SEN' }] },
    });
    for (const path of [
      '/activities',
      '/activities/new',
      `/activities/${activity.id}`,
      `/activities/${activity.id}/edit`,
      `/activities/${activity.id}/check-in`,
      '/check-in?code=x',
    ]) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await page.waitForLoadState('networkidle');
      const violations = await axeViolations(page);
      if (violations.length) found.push(`${language} ${path}:\n    ${violations.join('\n    ')}`);
    }
    assert.deepEqual(page.errors, []);
  }
  assert.deepEqual(found, [], found.join('\n'));
});
