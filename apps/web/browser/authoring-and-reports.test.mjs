import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

test('a trainer authors a course in the editor and publishes it to the catalog', async () => {
  const page = await newPage(platform);
  await logIn(page, await createAccount(platform, { roles: ['trainer'], fullName: 'Ana Trainer' }));
  await page.goto('/teach');
  await page.getByRole('form', { name: 'New course' }).getByLabel('Title').fill('Border screening and passenger data');
  await page.getByRole('button', { name: 'Create the course' }).click();
  await page.waitForURL(/\/teach\/[0-9a-f-]{36}$/);

  // An empty course cannot be published yet: the checklist says why.
  assert.equal(await page.getByRole('button', { name: 'Publish' }).isDisabled(), true);
  await page
    .getByRole('region', { name: 'Before you publish' })
    .getByText(/at least one lesson/)
    .waitFor();

  await page.getByLabel('Module title').fill('Advance passenger information');
  await page.getByRole('button', { name: 'Add a module' }).click();
  await page.getByRole('button', { name: 'Advance passenger information', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add a lesson to Advance passenger information' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title', { exact: true }).fill('What API and PNR data contain');
  await dialog
    .getByLabel('Lesson text')
    .fill(
      '## Advance passenger information\n\n**API** data come from the passport.\n\n<script>window.hacked = true</script><img src=x onerror="window.hacked = true">',
    );
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.locator('.preview');
  await preview.getByRole('heading', { name: 'Advance passenger information' }).waitFor();
  assert.doesNotMatch(await preview.innerHTML(), /<script|onerror/);
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Add a lesson to Advance passenger information' }).click();
  await dialog.getByLabel('Title', { exact: true }).fill('Check your understanding');
  await dialog.getByLabel('Kind').selectOption('quiz');
  await dialog.getByLabel('Question', { exact: true }).fill('Which document carries API data?');
  await dialog.getByLabel('Option 1').fill('The passport');
  await dialog.getByLabel('Option 2').fill('The boarding pass');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Edit Check your understanding' }).waitFor();
  await screenshot(page, 'editor');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('.panel strong', { hasText: 'Published' }).waitFor();

  const visitor = await newPage(platform);
  await visitor.goto('/courses?q=passenger');
  await visitor.getByRole('link', { name: 'Border screening and passenger data' }).click();
  await visitor.getByRole('heading', { name: 'Outline' }).waitFor();
  await visitor.getByText('What API and PNR data contain').waitFor();
  assert.equal(await visitor.evaluate(() => window.hacked ?? false), false);
  for (const p of [page, visitor]) assert.deepEqual(p.errors, []);
});

test('an admin downloads the Member State report as XLSX and CSV; a focal point sees their State only', async () => {
  const admin = await newPage(platform);
  await logIn(admin, 'admin@ctlp.example');
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await admin.getByRole('heading', { name: 'Training reports' }).waitFor();
  await admin.getByLabel('List every Member State, with zeros').check();
  await admin.getByRole('button', { name: 'Show the figures' }).click();
  await admin.getByRole('rowheader', { name: 'Zimbabwe' }).waitFor();
  await screenshot(admin, 'reports');
  const [xlsx] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download XLSX' }).click()]);
  assert.match(xlsx.suggestedFilename(), /^ctlp-member-states_\d{4}-01-01_\d{4}-01-01\.xlsx$/);
  const workbook = await readFile(await xlsx.path());
  assert.equal(workbook.subarray(0, 2).toString(), 'PK'); // a zip, as XLSX files are
  const [csv] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download CSV' }).click()]);
  const text = await readFile(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFFMember State,ISO code,Region,Officials trained'));
  // The States (a header, a row each, the total), then a blank line and the knowledge gain sections.
  const lines = text.trim().split('\r\n');
  assert.equal(lines.indexOf(''), 1 + 195 + 1);
  assert.ok(lines.includes('Knowledge gain per course') && lines.includes('Knowledge gain per Member State'));

  const focal = await newPage(platform);
  await logIn(focal, 'focal.point@ctlp.example');
  await focal.goto('/reports');
  await focal.getByText('You see the figures of your own Member State.').waitFor();
  await focal.getByLabel('List every Member State, with zeros').check();
  await focal.getByRole('button', { name: 'Show the figures' }).click();
  await focal.getByRole('rowheader', { name: 'Kenya' }).waitFor();
  // The report's own table (the months' figures under the charts are another).
  assert.equal(
    await focal
      .getByRole('table', { name: /^Training per Member State/ })
      .locator('tbody tr')
      .count(),
    1,
  );
  for (const p of [admin, focal]) assert.deepEqual(p.errors, []);
});

/** Waits until the report's form shows these filters (the address changes a moment before the page does). */
async function formShows(page, { region, includeZero }) {
  const regionSelect = await page.getByLabel('Region').elementHandle();
  const zeros = await page.getByLabel('List every Member State, with zeros').elementHandle();
  await page.waitForFunction(([select, box, r, z]) => select.value === r && box.checked === z, [regionSelect, zeros, region, includeZero], {
    timeout: 5000,
  });
}

test('report filters live in the address: a bookmark opens the same report, back and forward move between filters', async () => {
  const admin = await newPage(platform);
  await logIn(admin, 'admin@ctlp.example');
  await admin.goto('/reports');
  await admin.getByRole('heading', { name: 'Training reports' }).waitFor();
  await admin.getByLabel('Region').selectOption('Africa');
  await admin.getByLabel('List every Member State, with zeros').check();
  await admin.getByRole('button', { name: 'Show the figures' }).click();
  await admin.waitForURL(/[?&]region=Africa/);
  const bookmark = new URL(admin.url());
  assert.equal(bookmark.searchParams.get('includeZero'), 'true');
  assert.match(bookmark.searchParams.get('from'), /^\d{4}-01-01$/);
  await admin.getByRole('rowheader', { name: 'Kenya' }).waitFor();
  assert.equal(await admin.getByRole('rowheader', { name: 'France' }).count(), 0);

  // The bookmark, opened elsewhere, is the same report with the same filters shown.
  const colleague = await newPage(platform);
  await logIn(colleague, 'admin@ctlp.example');
  await colleague.goto(bookmark.pathname + bookmark.search);
  await colleague.getByRole('rowheader', { name: 'Zimbabwe' }).waitFor();
  await formShows(colleague, { region: 'Africa', includeZero: true });

  // Back: the report and the form as they were before the filters were applied; forward again.
  await admin.goBack();
  await admin.waitForURL((url) => !url.search.includes('region='));
  await formShows(admin, { region: '', includeZero: false });
  await admin.goForward();
  await admin.waitForURL(/[?&]region=Africa/);
  await formShows(admin, { region: 'Africa', includeZero: true });
  await admin.getByRole('rowheader', { name: 'Kenya' }).waitFor();
  for (const p of [admin, colleague]) assert.deepEqual(p.errors, []);
});

test('the period ends on the last day counted, and a period with nothing counted says so instead of a row of zeros', async () => {
  const admin = await newPage(platform);
  await logIn(admin, 'admin@ctlp.example');
  await admin.goto('/reports?from=1990-01-01&to=1991-01-01');
  // The address keeps the API's excluded end; the form and the caption show the last day counted.
  assert.equal(await admin.getByLabel('Up to and including').inputValue(), '1990-12-31');
  await admin.getByText('Nothing was counted for these filters.').waitFor();
  assert.equal(await admin.getByRole('table').count(), 0);
  assert.equal(await admin.locator('figure.chart').count(), 0);

  await admin.getByLabel('Up to and including').fill('2030-06-30');
  await admin.getByLabel('List every Member State, with zeros').check();
  await admin.getByRole('button', { name: 'Show the figures' }).click();
  await admin.waitForURL(/[?&]to=2030-07-01/);
  await admin.getByRole('table', { name: /^Training per Member State, 1 January 1990 to 30 June 2030$/ }).waitFor();
  assert.deepEqual(admin.errors, []);
});
