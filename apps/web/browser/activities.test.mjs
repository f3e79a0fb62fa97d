// Training activities in Chromium against the real API: an organiser creates one, adds a registered
// official and a person without an account, imports an attendance list, ticks attendance; a
// participant checks in on a phone with the rotating code; axe on the pages in English and Arabic.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CheckInService } from '../../api/dist/activities/check-in.service.js';
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

/** Today by this machine's clock and zone, which the browser shares: the date the organiser's screen gives. */
const today = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

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
  await trainer.getByText('60% (days needed: 2 of 3)').waitFor();

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
  await trainer.getByRole('button', { name: 'Mark as held' }).click();
  const asked = trainer.getByRole('dialog', { name: 'Mark this activity as held?' });
  await asked.getByRole('button', { name: 'Mark as held' }).click();
  await asked.waitFor({ state: 'hidden' });
  await trainer.locator('.panel strong', { hasText: 'Held' }).waitFor();
  // Escape asks no more: the activity stays held until the button in the dialog is chosen.
  await trainer.getByRole('button', { name: 'Close the activity' }).click();
  await trainer.keyboard.press('Escape');
  await trainer.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal(
    await trainer.getByRole('button', { name: 'Close the activity' }).evaluate((button) => button === document.activeElement),
    true,
  );
  await trainer.locator('.panel strong', { hasText: 'Held' }).waitFor();
  await trainer.getByRole('button', { name: 'Close the activity' }).click();
  await trainer.getByRole('dialog').getByRole('button', { name: 'Close the activity' }).click();
  await trainer.locator('.panel strong', { hasText: 'Closed' }).waitFor();
  assert.equal(await trainer.getByRole('checkbox').count(), 0);

  // The list, filtered in the address.
  await trainer.goto('/activities?kind=webinar');
  await trainer.getByText('No activity matches these filters.').waitFor();
  await trainer.goto('/activities?kind=workshop&status=closed');
  await trainer.getByRole('link', { name: 'Regional workshop on foreign terrorist fighters' }).waitFor();
  assert.deepEqual(trainer.errors, []);
});

test('an organiser checks an attendance list row by row, and only then imports it', async () => {
  const trainer = await newPage(platform);
  await logIn(trainer, await createAccount(platform, { roles: ['trainer'] }));
  const activity = await createActivity(trainer, { title: 'Workshop on border security', startsOn: '2027-05-04', endsOn: '2027-05-05' });
  const list = [
    'fullName,email,memberState,institution,agencyType,gender,role',
    'Aïcha Ndiaye,aicha.ndiaye@justice.example,Sénégal,Ministère de la Justice,prosecution,female,participant',
    'Li Wei,li.wei@customs.example,CHN,General Administration of Customs,border_customs,male,speaker',
    'Nobody Known,not-an-email,Atlantis,,,,',
  ].join('\n');
  await trainer.goto(`/activities/${activity.id}`);
  await trainer
    .getByLabel('Attendance list (CSV or XLSX)')
    .setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
  await trainer.getByRole('button', { name: 'Check the file' }).click();
  const rows = trainer.getByRole('table', { name: 'Row by row' });
  await rows.getByRole('row', { name: /Aïcha Ndiaye.*Will be added/ }).waitFor();
  await rows.getByRole('row', { name: /Li Wei.*Will be added/ }).waitFor();
  const refused = rows.getByRole('row', { name: /^4 / });
  await refused.getByText('Left out:').waitFor();
  await refused.getByText(/^Email: /).waitFor();
  await refused.getByText(/^Member State: /).waitFor();
  await trainer.getByText(/^Checked, nothing written yet. People to add: 2 \(with an account: 0\) .* rows left out: 1\.$/).waitFor();
  const placed = async () =>
    Number((await platform.db.query('SELECT count(*) FROM activity_participants WHERE activity_id = $1', [activity.id])).rows[0].count);
  assert.equal(await placed(), 0);

  await trainer.getByRole('button', { name: 'Import the valid rows' }).click();
  await trainer.getByText(/^Imported. People added: 2 /).waitFor();
  await rows.getByRole('row', { name: /Li Wei.*Added/ }).waitFor();
  await trainer.getByRole('rowheader', { name: /Aïcha Ndiaye/ }).waitFor();
  const liWei = trainer.getByRole('row', { name: /Li Wei/ }).filter({ has: trainer.getByRole('checkbox') });
  await liWei.getByRole('cell', { name: 'Speaker', exact: true }).waitFor();
  assert.equal(await placed(), 2);
  await screenshot(trainer, 'activity-import');
  assert.deepEqual(trainer.errors, []);
});

test('a participant checks in on a phone with the rotating code, and the organiser sees them present', async () => {
  const organiser = await newPage(platform);
  await logIn(organiser, await createAccount(platform, { roles: ['trainer'], fullName: 'Olga Organiser' }));
  const activity = await createActivity(organiser, {
    title: 'National workshop on terrorist financing',
    startsOn: today(),
    endsOn: today(),
  });
  const email = await createAccount(platform, { fullName: 'Fatima Zahra', memberState: 'MAR' });

  await organiser.goto(`/activities/${activity.id}/check-in`);
  await organiser.getByRole('img', { name: 'QR code to check in to National workshop on terrorist financing' }).waitFor();
  const code = (await organiser.getByTestId('check-in-code').innerText()).trim();
  assert.ok(code.length > 20, code);
  await organiser.getByText(/^Attendance is recorded for .+, today's date on this screen\.$/).waitFor();
  await screenshot(organiser, 'check-in-display');

  // The phone: signed out, it keeps the code through signing in and comes back.
  const phone = await newPage(platform, { viewport: PHONE });
  await phone.goto(`/check-in?code=${encodeURIComponent(code)}`);
  await phone.getByText('Log in, or register if you have no account, to be marked present.').waitFor();
  assert.equal(await overflowsSideways(phone), false);
  await phone.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await phone.locator('input[type=email]').fill(email);
  await phone.locator('input[type=password]').fill('ctlp-demo-passphrase');
  await phone.locator('form button[type=submit]').click();
  await phone.waitForURL(/\/check-in\?code=/);
  await phone.getByText(/You are marked present for today, .+, at National workshop on terrorist financing\./).waitFor();
  assert.equal(await overflowsSideways(phone), false);
  await screenshot(phone, 'check-in-phone');

  // Someone without an account registers from the phone. That takes minutes: the code they scanned
  // is long gone when they come back, and the pass the page got for it as it opened counts instead.
  const newcomer = await newPage(platform, { viewport: PHONE });
  const scanned = (await organiser.getByTestId('check-in-code').innerText()).trim();
  const passGiven = newcomer.waitForResponse((r) => r.url().endsWith('/api/activities/check-in/pass'));
  await newcomer.goto(`/check-in?code=${encodeURIComponent(scanned)}`);
  assert.equal((await passGiven).status(), 200);
  await newcomer.getByText('Log in, or register if you have no account, to be marked present.').waitFor();
  // Not in the address: a link passed on from here carries only the code.
  assert.doesNotMatch(newcomer.url(), /pass/);
  const checkIns = platform.app.get(CheckInService);
  checkIns.now = () => new Date(Date.now() + 10 * 60_000);
  try {
    const late = await newcomer.request.post('/api/activities/check-in/pass', {
      headers: { origin: platform.baseUrl },
      data: { code: scanned },
    });
    assert.equal(late.status(), 400);
    assert.equal((await late.json()).fields.code.code, 'check_in_code_expired');
    await newcomer.getByRole('main').getByRole('link', { name: 'Register' }).click();
    const newcomerEmail = `youssef.${Date.now()}@justice.example`;
    await newcomer.getByLabel('Email address').fill(newcomerEmail);
    await newcomer.getByLabel('Password').fill('a long passphrase of my own');
    await newcomer.getByLabel('Full name').fill('Youssef Benali');
    await newcomer.getByLabel('Member State').fill('Morocco');
    await newcomer.getByLabel('Institution').fill('Ministry of Justice');
    await newcomer.getByLabel('Type of agency').selectOption('prosecution');
    await newcomer.getByLabel('Job title').fill('Prosecutor');
    await newcomer.getByLabel('Gender').selectOption('male');
    await newcomer.locator('form').getByRole('button', { name: 'Register' }).click();
    // Registering signs no one in (it answers alike for a taken address): they log in from here,
    // in the same tab, and the pass it kept still counts.
    await newcomer.getByRole('heading', { name: 'Check your email' }).waitFor();
    await newcomer.getByRole('main').getByRole('link', { name: 'Log in' }).click();
    await newcomer.locator('input[type=email]').fill(newcomerEmail);
    await newcomer.locator('input[type=password]').fill('a long passphrase of my own');
    const checkedIn = newcomer.waitForResponse((r) => r.url().endsWith('/api/activities/check-in'));
    await newcomer.locator('form button[type=submit]').click();
    await newcomer.waitForURL(/\/check-in\?code=/);
    assert.deepEqual(Object.keys(JSON.parse((await checkedIn).request().postData())), ['pass']);
    await newcomer.getByText(/You are marked present for today/).waitFor();
    await newcomer.getByText('Your registration is still waiting for approval').waitFor();
    assert.equal(await overflowsSideways(newcomer), false);
  } finally {
    checkIns.now = () => new Date();
  }

  // The organiser sees them in the grid.
  await organiser.goto(`/activities/${activity.id}`);
  const box = organiser.getByLabel(`Present on ${dayName(today())}: Fatima Zahra`);
  await box.waitFor();
  assert.equal(await box.isChecked(), true);
  assert.equal(await organiser.getByLabel(`Present on ${dayName(today())}: Youssef Benali`).isChecked(), true);

  // The code shown changes: the screen asks for the next one before this one expires.
  await organiser.goto(`/activities/${activity.id}/check-in`);
  const first = (await organiser.getByTestId('check-in-code').innerText()).trim();
  await organiser.waitForFunction((shown) => document.querySelector('[data-testid=check-in-code]')?.textContent?.trim() !== shown, first, {
    timeout: 40_000,
  });
  for (const p of [organiser, phone, newcomer]) assert.deepEqual(p.errors, []);
});

test("the organiser's screen far east of UTC records its own date, a day ahead of UTC's from 10:00 UTC", async () => {
  const zone = 'Pacific/Kiritimati'; // UTC+14: its date is UTC's from 00:00 to 10:00 UTC, the next one after
  const venueDay = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const utc = new Date().toISOString().slice(0, 10);
  const context = await platform.browser.newContext({ locale: 'en-GB', timezoneId: zone, baseURL: platform.baseUrl });
  const organiser = await context.newPage();
  organiser.errors = [];
  organiser.on('pageerror', (error) => organiser.errors.push(error.message));
  await logIn(organiser, await createAccount(platform, { roles: ['trainer'] }));
  const dayBefore = new Date(Date.parse(`${utc}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const dayAfter = new Date(Date.parse(`${utc}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const activity = await createActivity(organiser, { title: 'Pacific workshop', startsOn: dayBefore, endsOn: dayAfter });
  await organiser.goto(`/activities/${activity.id}/check-in`);
  await organiser.getByText(`Attendance is recorded for ${dayName(venueDay)}, today's date on this screen.`).waitFor();
  const code = (await organiser.getByTestId('check-in-code').innerText()).trim();

  const phone = await newPage(platform, { viewport: PHONE });
  await logIn(phone, await createAccount(platform, { fullName: 'Sione Tupou', memberState: 'TON' }));
  await phone.goto(`/check-in?code=${encodeURIComponent(code)}`);
  await phone.getByText(/You are marked present for today, .+, at Pacific workshop\./).waitFor();

  await organiser.goto(`/activities/${activity.id}`);
  const box = organiser.getByLabel(`Present on ${dayName(venueDay)}: Sione Tupou`);
  await box.waitFor();
  assert.equal(await box.isChecked(), true);
  if (venueDay !== utc) assert.equal(await organiser.getByLabel(`Present on ${dayName(utc)}: Sione Tupou`).isChecked(), false);
  for (const p of [organiser, phone]) assert.deepEqual(p.errors, []);
  await context.close();
});

test('an old code tells the participant to ask for the new one, in their language', async () => {
  const organiser = await newPage(platform);
  await logIn(organiser, await createAccount(platform, { roles: ['trainer'] }));
  const activity = await createActivity(organiser, { title: 'Webinar on prison radicalisation', startsOn: today(), endsOn: today() });
  const { makeCheckInCode, checkInKeys } = await import('../../api/dist/activities/check-in-code.js');
  const old = makeCheckInCode(checkInKeys('browser-session-secret-long-enough'), activity.id, today(), new Date(Date.now() - 5 * 60_000));

  for (const [locale, text] of [
    ['en', 'This code has expired. Ask the organiser to show the new code, and scan it again.'],
    ['ar', 'انتهت صلاحية هذا الرمز'],
  ]) {
    const phone = await newPage(platform, { viewport: PHONE, locale: locale === 'ar' ? 'ar' : 'en-GB' });
    await logIn(phone, await createAccount(platform, { locale }));
    await phone.goto(`/check-in?code=${encodeURIComponent(old.code)}`);
    await phone.getByRole('alert').filter({ hasText: text }).waitFor();
    assert.equal(await overflowsSideways(phone), false);
    assert.deepEqual(phone.errors, []);
  }
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
      await screenshot(page, `activities-${language}${path.replace(/[0-9a-f-]{36}/, 'id').replace(/[^a-z]+/g, '-')}`);
    }
    assert.deepEqual(page.errors, []);
  }
  assert.deepEqual(found, [], found.join('\n'));
});
