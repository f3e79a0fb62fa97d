// Language versions: a trainer adds a French version of a course from the editor and publishes it;
// a French-speaking learner finds the course once in the catalog, in French; the English page
// links to the French one, and a learner taking one version sees it named on the others.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const catalog = (locale, namespace) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, `${namespace}.json`), 'utf8'));
const fr = catalog('fr', 'courses');

const ENGLISH_TITLE = 'Mutual Legal Assistance in Terrorism Cases';
const FRENCH_TITLE = 'L’entraide judiciaire dans les affaires de terrorisme';

let platform;
let english;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

test('a trainer adds a French version from the editor, marks it up to date and publishes it', async () => {
  const page = await newPage(platform, { bypassCSP: true });
  await logIn(page, await createAccount(platform, { roles: ['trainer'], fullName: 'Version Trainer' }));
  const headers = { origin: platform.baseUrl };
  const call = async (method, url, data) => {
    const response = await page.request[method](url, { headers, data });
    assert.ok(response.ok(), `${url}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  english = await call('post', '/api/courses', { title: ENGLISH_TITLE, summary: 'Requests between States, step by step' });
  const module = await call('post', `/api/courses/${english.id}/modules`, { title: 'Requests' });
  await call('post', `/api/modules/${module.id}/lessons`, { title: 'Writing a request', kind: 'text', body: 'A request names…' });
  await call('post', `/api/courses/${english.id}/publish`);

  await page.goto(`/teach/${english.id}`);
  const panel = page.getByRole('region', { name: 'Language versions' });
  await panel.waitFor();
  // Alone in its family, the course lists no versions: the form adds the first.
  assert.equal(await panel.locator('table').count(), 0);
  // The languages the family lacks, named in the reader's language.
  const languages = panel.getByLabel('Add a version in');
  assert.deepEqual(await languages.locator('option').allTextContents(), ['Arabic', 'Chinese', 'French', 'Russian', 'Spanish']);
  await languages.selectOption('fr');
  const created = page.waitForResponse((r) => r.url().endsWith(`/api/courses/${english.id}/versions`) && r.request().method() === 'POST');
  await panel.getByRole('button', { name: 'Add version' }).click();
  const version = await (await created).json();
  assert.equal(version.language, 'fr');
  // The editor opens the new version, a draft being translated.
  await page.waitForURL(`**/teach/${version.id}`);
  const versionPanel = page.getByRole('region', { name: 'Language versions' });
  await versionPanel.getByLabel('Translation status of this version').waitFor();
  assert.equal(await versionPanel.getByLabel('Translation status of this version').inputValue(), 'in_progress');
  assert.deepEqual(await versionPanel.locator('tbody tr').allInnerTexts(), [
    `English\t${ENGLISH_TITLE}\tPublished\tOriginal`,
    `French · this version\t${ENGLISH_TITLE}\tDraft\tBeing translated`,
  ]);

  // Translated (its settings form is tested elsewhere), then marked up to date from the panel.
  await call('patch', `/api/courses/${version.id}`, { title: FRENCH_TITLE, summary: 'Les demandes entre États, pas à pas' });
  await page.reload();
  await versionPanel.getByLabel('Translation status of this version').waitFor();
  const marked = page.waitForResponse((r) => r.url().endsWith(`/api/courses/${version.id}`) && r.request().method() === 'PATCH');
  await versionPanel.getByLabel('Translation status of this version').selectOption('current');
  assert.equal((await (await marked).json()).translationStatus, 'current');
  assert.deepEqual(await versionPanel.locator('tbody tr td:last-child').allInnerTexts(), ['Original', 'Up to date']);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'course-versions-editor');
  // On a phone each version is a card: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: 1280, height: 900 });

  const published = page.waitForResponse((r) => r.url().endsWith(`/api/courses/${version.id}/publish`));
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  assert.equal((await published).status(), 200);
  english.frenchSlug = version.slug;
});

test('a French-speaking learner finds the course once, in French, and the English page links to it', async () => {
  assert.ok(english?.frenchSlug, 'the first test published the French version');
  const learner = await newPage(platform, { locale: 'fr-FR', bypassCSP: true });
  await logIn(learner, await createAccount(platform, { locale: 'fr', memberState: 'FRA', fullName: 'Aline Martin' }));
  await learner.goto('/courses');
  await learner.getByRole('link', { name: FRENCH_TITLE, exact: true }).waitFor();
  assert.equal(await learner.getByRole('link', { name: ENGLISH_TITLE, exact: true }).count(), 0);
  const cards = learner.locator('li.card').filter({ has: learner.getByRole('link', { name: FRENCH_TITLE, exact: true }) });
  assert.equal(await cards.count(), 1);
  assert.equal(await cards.locator('.course-versions').innerText(), `${fr.versions.alsoIn} English`);
  await screenshot(learner, 'course-versions-catalog-fr');

  // An English reader sees the English version, and its page offers the French one.
  const reader = await newPage(platform, { locale: 'en-GB', bypassCSP: true });
  await reader.goto('/courses');
  await reader.getByRole('link', { name: ENGLISH_TITLE, exact: true }).waitFor();
  assert.equal(await reader.getByRole('link', { name: FRENCH_TITLE, exact: true }).count(), 0);
  await reader.getByRole('link', { name: ENGLISH_TITLE, exact: true }).click();
  await reader.getByRole('heading', { level: 1, name: ENGLISH_TITLE }).waitFor();
  const link = reader.getByRole('link', { name: 'Français', exact: true });
  assert.equal(await link.getAttribute('lang'), 'fr');
  assert.equal(await reader.locator('.course-versions p').first().innerText(), 'This course in: Français');
  assert.deepEqual(await axeViolations(reader), []);
  await link.click();
  await reader.getByRole('heading', { level: 1, name: FRENCH_TITLE }).waitFor();
  assert.equal(new URL(reader.url()).pathname, `/courses/${english.frenchSlug}`);

  // Enrolled in French, the learner sees it said on the English page.
  await learner.goto(`/courses/${english.frenchSlug}`);
  const enrolled = learner.waitForResponse((r) => r.url().endsWith('/enrolments') && r.request().method() === 'POST');
  await learner.getByRole('button', { name: fr.course.enrol, exact: true }).click();
  assert.equal((await enrolled).status(), 201);
  await learner.goto(`/courses/${english.slug}`);
  const note = learner.getByText(fr.versions.takingIn.replace('{{language}}', 'français'), { exact: false });
  await note.waitFor();
  assert.ok(await learner.getByRole('link', { name: FRENCH_TITLE, exact: true }).isVisible());
  assert.deepEqual(learner.errors, []);
  assert.deepEqual(reader.errors, []);
});
