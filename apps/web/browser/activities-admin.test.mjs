// Activities beyond one organiser's day-to-day, in Chromium against the real API: an admin imports
// past activities from the workbook (checked first, a malformed file refused as a whole), the
// report charts them per month as its source filter says; an organiser names a co-organiser and
// changes a participant's role; axe on the new page and the chart in English and Arabic.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

const ACTIVITY_HEADER = [
  'ref',
  'kind',
  'title',
  'delivery',
  'startsOn',
  'endsOn',
  'venueMemberState',
  'city',
  'memberStates',
  'languages',
  'topics',
  'hours',
  'requiredAttendance',
  'status',
];
const PARTICIPANT_HEADER = [
  'activityRef',
  'fullName',
  'email',
  'memberState',
  'institution',
  'agencyType',
  'gender',
  'role',
  'attendedDays',
];

/** A workbook as the template describes it; `tag` keeps titles and emails apart between tests. */
async function workbook(tag, year) {
  const book = new ExcelJS.Workbook();
  const activities = book.addWorksheet('activities');
  for (const row of [
    ACTIVITY_HEADER,
    [
      `${tag}-1`,
      'workshop',
      `Border security ${tag}`,
      'in_person',
      `${year}-03-04`,
      `${year}-03-06`,
      'KEN',
      'Nairobi',
      'KEN',
      'en',
      '',
      18,
      100,
      'closed',
    ],
    [
      `${tag}-2`,
      'party',
      'Not a kind of activity',
      'in_person',
      `${year}-04-01`,
      `${year}-04-01`,
      'KEN',
      'Nairobi',
      'KEN',
      'en',
      '',
      6,
      100,
      'held',
    ],
    [
      `${tag}-3`,
      'webinar',
      `Financing webinar ${tag}`,
      'online',
      `${year}-05-10`,
      `${year}-05-10`,
      '',
      '',
      'SEN',
      'fr',
      '',
      2,
      100,
      'held',
    ],
  ])
    activities.addRow(row);
  const participants = book.addWorksheet('participants');
  for (const row of [
    PARTICIPANT_HEADER,
    [`${tag}-1`, 'Amina Odhiambo', `amina.${tag}@police.example`, 'Kenya', 'National Police Service', 'police', 'female', 'participant', 3],
    [`${tag}-1`, 'Joseph Kamau', '', 'Kenya', 'Judiciary', 'judiciary', 'male', 'participant', 2],
    [`${tag}-3`, 'Aïcha Ndiaye', '', 'Sénégal', 'Ministère de la Justice', 'prosecution', 'female', 'participant', 1],
    [`${tag}-3`, 'Nobody Known', '', 'Atlantis', '', '', '', '', 1],
  ])
    participants.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function countActivities(title) {
  const { rows } = await platform.db.query('SELECT count(*)::int AS n FROM activities WHERE title LIKE $1', [`%${title}%`]);
  return rows[0].n;
}

test('an admin checks the workbook of past activities, imports it, and the report charts it per month as its source says', async () => {
  const admin = await newPage(platform);
  await logIn(admin, await createAccount(platform, { roles: ['admin'], fullName: 'Ada Admin' }));
  await admin.goto('/activities');
  await admin.getByRole('link', { name: 'Import past activities' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Import past activities' }).waitFor();
  const template = await admin.request.get('/api/activities/import/template');
  assert.equal(template.status(), 200);
  assert.match(
    await admin.getByRole('link', { name: 'Download the template (XLSX)' }).getAttribute('href'),
    /\/api\/activities\/import\/template$/,
  );

  // A file that is not a workbook: refused as a whole, with the reason under the file field.
  const file = admin.getByLabel('Workbook (XLSX)', { exact: true });
  await file.setInputFiles({ name: 'history.xlsx', mimeType: XLSX, buffer: Buffer.from('not a workbook at all') });
  await admin.getByRole('button', { name: 'Check the file' }).click();
  await admin.locator('.field-error').filter({ hasText: /\S/ }).waitFor();
  assert.equal(await file.getAttribute('aria-invalid'), 'true');
  assert.equal(await admin.getByRole('button', { name: 'Import the valid rows' }).count(), 0);

  // The real workbook: checked, row by row, nothing written.
  await file.setInputFiles({ name: 'history.xlsx', mimeType: XLSX, buffer: await workbook('HIST', 2019) });
  assert.equal(await file.getAttribute('aria-invalid'), null);
  await admin.getByRole('button', { name: 'Check the file' }).click();
  await admin.getByText('Checked, nothing written yet. Activities to create: 2 · activity rows left out: 1.').waitFor();
  await admin.getByText(/^People to add: 3 \(with an account: 0\) .* days to mark present: 6 .* participant rows left out: 1\.$/).waitFor();
  const activityRows = admin.getByRole('table', { name: 'Sheet “activities”, row by row' });
  const refusedActivity = activityRows.getByRole('row', { name: /^3 / });
  await refusedActivity.getByText('Left out:').waitFor();
  await refusedActivity.getByText(/^Kind of activity \(kind\): \S/).waitFor();
  const participantRows = admin.getByRole('table', { name: 'Sheet “participants”, row by row' });
  await participantRows
    .getByRole('row', { name: /^5 / })
    .getByText(/^Member State \(memberState\): \S/)
    .waitFor();
  assert.equal(await countActivities('HIST'), 0);
  await screenshot(admin, 'activities-import-checked');

  await admin.getByRole('button', { name: 'Import the valid rows' }).click();
  await admin.getByText('Imported. Activities created: 2 · activity rows left out: 1.').waitFor();
  assert.equal(await countActivities('HIST'), 2);
  await admin.getByRole('link', { name: 'See the activities' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Training activities' }).waitFor();
  await admin.getByRole('link', { name: 'Border security HIST' }).waitFor();
  await admin.getByRole('link', { name: 'Financing webinar HIST' }).waitFor();

  // The report of that year, activities only: two charts and their figures as a table.
  await admin.goto('/reports?from=2019-01-01&to=2020-01-01&source=activities');
  const charts = admin.locator('figure.chart figcaption');
  await charts.first().waitFor();
  assert.deepEqual(await charts.allInnerTexts(), ['Training activities that ended', 'Participant-days in training activities']);
  await admin.getByRole('img', { name: /^Training activities that ended: January 2019: 0, .*March 2019: 1, .*May 2019: 1/ }).waitFor();
  await admin.getByText('The same figures as a table').click();
  const figures = admin.getByRole('table', { name: 'Training per month' });
  assert.deepEqual(
    await figures
      .getByRole('row', { name: /^March 2019/ })
      .getByRole('cell')
      .allInnerTexts(),
    ['1', '5'], // one activity; Amina 3 days + Joseph 2 days
  );
  assert.deepEqual(await figures.getByRole('columnheader').allInnerTexts(), ['Month', 'Activities', 'Participant-days']);
  await screenshot(admin, 'reports-activities-chart');

  // Online courses only: nothing was completed online that year, so no charts, and the page says so.
  await admin.goto('/reports?from=2019-01-01&to=2020-01-01&source=online');
  await admin.getByText('Nothing was counted for these filters.').waitFor();
  assert.equal(await charts.count(), 0);
  assert.deepEqual(admin.errors, []);
});

test('an organiser names a co-organiser, who then manages but cannot change who co-organises; roles change in the grid', async () => {
  const organiser = await newPage(platform);
  await logIn(organiser, await createAccount(platform, { roles: ['trainer'], fullName: 'Olga Organiser' }));
  const coEmail = await createAccount(platform, { roles: ['trainer'], fullName: 'Cora Coorganiser' });
  await createAccount(platform, { roles: ['learner'], fullName: 'Cora Learner' });
  const created = await organiser.request.post('/api/activities', {
    headers: { origin: platform.baseUrl },
    data: {
      kind: 'workshop',
      title: 'Workshop on prison radicalisation',
      delivery: 'in_person',
      venueMemberState: 'KEN',
      city: 'Nairobi',
      startsOn: '2027-06-01',
      endsOn: '2027-06-02',
      hours: 12,
      requiredAttendance: 100,
      capacity: 1,
    },
  });
  assert.equal(created.status(), 201);
  const activity = await created.json();

  await organiser.goto(`/activities/${activity.id}/edit`);
  await organiser.getByText('No co-organiser.').waitFor();
  const search = organiser.getByLabel('Trainer’s name or email', { exact: true });
  await search.fill('Cora');
  // Enter searches; it does not save the activity.
  await search.press('Enter');
  const found = organiser.getByRole('list', { name: 'Trainers found' });
  await found.getByRole('button', { name: 'Add Cora Coorganiser' }).click();
  await organiser.getByRole('status').filter({ hasText: 'Cora Coorganiser added to the co-organisers.' }).waitFor();
  assert.equal(await found.getByText('Cora Learner').count(), 0);
  assert.match(organiser.url(), /\/edit$/);
  await organiser.getByRole('button', { name: 'Save' }).click();
  await organiser.waitForURL(new RegExp(`/activities/${activity.id}$`));
  await organiser.getByText('Olga Organiser and Cora Coorganiser').waitFor();

  // The co-organiser edits the activity; the list of co-organisers is shown, not offered to change.
  const co = await newPage(platform);
  await logIn(co, coEmail);
  await co.goto(`/activities/${activity.id}/edit`);
  await co.getByText('Only the organiser or an administrator chooses the co-organisers.').waitFor();
  assert.equal(await co.getByLabel('Trainer’s name or email', { exact: true }).count(), 0);
  await co.getByLabel('City', { exact: true }).fill('Mombasa');
  await co.getByRole('button', { name: 'Save' }).click();
  await co.waitForURL(new RegExp(`/activities/${activity.id}$`));
  await co.getByText('Mombasa, Kenya').waitFor();

  // Roles: a speaker takes no place; becoming a participant beyond capacity is refused and undone.
  const add = await organiser.request.post(`/api/activities/${activity.id}/participants`, {
    headers: { origin: platform.baseUrl },
    data: {
      participants: [
        { fullName: 'Amina Diallo', memberState: 'SEN' },
        { fullName: 'Omar Haddad', memberState: 'MAR', role: 'speaker' },
      ],
    },
  });
  assert.equal(add.status(), 200);
  await organiser.reload();
  const amina = organiser.getByLabel('Role of Amina Diallo', { exact: true });
  const saved = organiser.waitForResponse((r) => r.url().includes('/participants/') && r.request().method() === 'PATCH');
  await amina.selectOption('trainer');
  assert.equal((await saved).status(), 200);
  await organiser.getByRole('status').filter({ hasText: 'Amina Diallo: role changed to Trainer.' }).waitFor();
  const { rows } = await platform.db.query(
    `SELECT ap.role FROM activity_participants ap JOIN participants p ON p.id = ap.participant_id WHERE p.full_name = 'Amina Diallo' AND ap.activity_id = $1`,
    [activity.id],
  );
  assert.deepEqual(rows, [{ role: 'trainer' }]);

  await amina.selectOption('participant');
  await organiser.getByRole('status').filter({ hasText: 'Amina Diallo: role changed to Participant.' }).waitFor();
  const omar = organiser.getByLabel('Role of Omar Haddad', { exact: true });
  await omar.selectOption('participant');
  const omarRow = organiser.getByRole('row', { name: /Omar Haddad/ });
  await omarRow.getByRole('alert').filter({ hasText: 'This activity is full: it has no places left.' }).waitFor();
  await organiser.waitForFunction(() => document.querySelector('select[aria-label="Role of Omar Haddad"]')?.value === 'speaker');
  await screenshot(organiser, 'activity-roles');
  for (const p of [organiser, co]) assert.deepEqual(p.errors, []);
});

test('axe finds no serious or critical violation on the import page, the co-organisers and the report charts, in English and Arabic', async () => {
  const found = [];
  for (const language of ['en', 'ar']) {
    const page = await newPage(platform, { locale: language === 'ar' ? 'ar' : 'en-GB', bypassCSP: true });
    await logIn(page, await createAccount(platform, { roles: ['admin', 'trainer'], locale: language, fullName: `Admin ${language}` }));
    const check = async (name) => {
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await page.waitForLoadState('networkidle');
      const violations = await axeViolations(page);
      if (violations.length) found.push(`${language} ${name}:\n    ${violations.join('\n    ')}`);
      await screenshot(page, `${name}-${language}`);
    };

    // The import page with a checked workbook's report on it.
    await page.goto('/activities/import');
    await page.locator('main h1').waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'h.xlsx', mimeType: XLSX, buffer: await workbook(`AXE${language}`, 2018) });
    await page.locator('main button.secondary').click();
    await page.locator('.bulk-report table').first().waitFor();
    await check('activities-import');

    // The activity form with trainers found.
    await page.goto('/activities/new');
    await page.locator('input[type=search]').fill('Cora');
    await page.locator('input[type=search]').press('Enter');
    await page.locator('fieldset .candidates li').first().waitFor();
    await check('activity-form-organisers');

    // The report with every chart and its table open (the import of the first test gives 2019 its figures).
    await page.goto('/reports?from=2019-01-01&to=2020-01-01');
    await page.locator('figure.chart').nth(2).waitFor();
    await page.locator('details.chart-data summary').click();
    await check('reports-charts');
    assert.deepEqual(page.errors, []);
  }
  assert.deepEqual(found, [], found.join('\n'));
});
