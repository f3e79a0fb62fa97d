// The first visit over a slow link (issue 21, "Fast first visit"): the public pages come rendered
// in the visitor's language as plain HTML with one small script, and work without the app's code.
// The times are printed, never asserted (they depend on the machine); bench/first-visit.mjs prints
// the same figures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { describe, firstVisit, searchCatalog, seconds } from './first-visit-measure.mjs';
import { demoCourse, startPlatform } from './support.mjs';

const catalog = (language) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', language, 'courses.json'), 'utf8'));
const legal = demoCourse('international-legal-framework');
/** The only script a rendered public page loads (src/public-page.ts). */
const PUBLIC_PAGE_SCRIPT = /^\/assets\/public-page-[\w-]+\.js$/;

let platform;
before(async () => {
  platform = await startPlatform();
});
after(async () => {
  await platform?.close();
});

test('a first visit of the catalog paints the courses from the HTML, loads none of the app’s code and filters', async () => {
  const visit = await firstVisit(platform.browser, platform.baseUrl, { path: '/courses' });
  try {
    console.log(`  ${describe('/courses (en)', visit)}`);
    assert.equal(visit.status, 200);
    assert.match(visit.firstHtml, /<html lang="en" dir="ltr">/);
    assert.ok(visit.firstHtml.includes(`>${legal.title}</a>`), 'the course titles are in the first response');
    assert.ok(visit.firstHtml.includes(`<h1>${catalog('en').catalog.title}</h1>`));
    // The page is its HTML and one small script: no app code, no translation chunk, no API request.
    const scripts = visit.urls.filter((url) => url.endsWith('.js'));
    assert.equal(scripts.length, 1, `scripts: ${scripts.join(', ')}`);
    assert.match(scripts[0], PUBLIC_PAGE_SCRIPT);
    assert.deepEqual(
      visit.urls.filter((url) => url.startsWith('/api/') || /\/assets\/(common|courses)-/.test(url)),
      [],
      `requests: ${visit.urls.join(', ')}`,
    );
    assert.deepEqual(visit.errors, []);
    const filterMs = await searchCatalog(visit.page, 'financement');
    console.log(`  the search answered in ${seconds(filterMs)} over the slow link`);
    // The server's page of results holds the French course alone.
    await visit.page.getByRole('heading', { name: legal.title }).waitFor({ state: 'detached' });
    assert.equal(await visit.page.getByRole('heading', { name: demoCourse('financement-du-terrorisme').title }).count(), 1);
  } finally {
    await visit.close();
  }
});

test('an Arabic first visit comes rendered right to left in Arabic (the cookie, or the browser language)', async () => {
  const visit = await firstVisit(platform.browser, platform.baseUrl, {
    path: '/courses',
    cookies: [{ name: 'ctlp.locale', value: 'ar' }],
  });
  try {
    console.log(`  ${describe('/courses (ar)', visit)}`);
    assert.match(visit.firstHtml, /<html lang="ar" dir="rtl">/);
    assert.ok(visit.firstHtml.includes(`<h1>${catalog('ar').catalog.title}</h1>`));
    assert.deepEqual(visit.errors, []);
    assert.equal(await visit.page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await visit.page.getByRole('heading', { level: 1 }).textContent(), catalog('ar').catalog.title);
    await searchCatalog(visit.page, 'financement');
  } finally {
    await visit.close();
  }
  // No cookie: the browser's languages decide.
  const answer = await fetch(`${platform.baseUrl}/courses`, { headers: { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' } });
  const html = await answer.text();
  assert.match(html, /<html lang="ar" dir="rtl">/);
  assert.ok(html.includes(catalog('ar').catalog.title));
});

test("a course page comes rendered; an unknown course is a 404 with the app's not-found page", async () => {
  const visit = await firstVisit(platform.browser, platform.baseUrl, { path: `/courses/${legal.slug}` });
  try {
    console.log(`  ${describe(`/courses/${legal.slug}`, visit)}`);
    assert.equal(visit.status, 200);
    assert.ok(visit.firstHtml.includes(legal.title));
    assert.deepEqual(visit.errors, []);
    await visit.page.getByRole('link', { name: catalog('en').course.logIn }).waitFor();
  } finally {
    await visit.close();
  }
  const common = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales/en/common.json'), 'utf8'));
  const missing = await firstVisit(platform.browser, platform.baseUrl, { path: '/courses/no-such-course' });
  try {
    assert.equal(missing.status, 404);
    assert.ok(missing.firstHtml.includes(common.errors.notFoundTitle));
    // Chromium logs the document's own 404; nothing else.
    assert.deepEqual(
      missing.errors.filter((message) => !/status of 404/.test(message)),
      [],
    );
    await missing.page.getByRole('heading', { name: common.errors.notFoundTitle }).waitFor();
  } finally {
    await missing.close();
  }
});

test('a signed-in visitor gets the shell, never a page rendered with personal data', async () => {
  const answer = await fetch(`${platform.baseUrl}/courses`, { headers: { cookie: 'ctlp.sid=anything' } });
  const html = await answer.text();
  assert.match(html, /<div id="root"><\/div>/);
  assert.ok(!html.includes(legal.title));
  assert.match(html, /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/, 'the app’s entry');
  assert.doesNotMatch(html, /public-page-/);
});

test('on a phone the rendered page’s menu opens, the language choice renders it again in French, and the app then starts in French', async () => {
  const common = (language) =>
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', language, 'common.json'), 'utf8'));
  const context = await platform.browser.newContext({ baseURL: platform.baseUrl, viewport: { width: 390, height: 844 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/courses');
    await page.waitForFunction(() => document.documentElement.dataset.interactive === 'true');
    const menu = page.getByRole('button', { name: common('en').nav.menu, exact: true });
    const catalogLink = page.getByRole('navigation', { name: common('en').nav.main }).getByRole('link', { name: common('en').nav.catalog });
    assert.equal(await catalogLink.isVisible(), false, 'folded on a phone');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    assert.equal(await catalogLink.isVisible(), true);
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await catalogLink.isVisible(), false);

    await menu.click();
    await page.locator('.language-switcher select').selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr' && document.documentElement.dataset.interactive === 'true');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), catalog('fr').catalog.title);
    assert.equal((await context.cookies()).find((cookie) => cookie.name === 'ctlp.locale')?.value, 'fr');

    // The app, on the first page that needs it, speaks the language chosen on the public page.
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: common('fr').login.title, exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('before its scripts arrive (or without them) the rendered catalog already searches: the form is a plain GET the server renders', async () => {
  const context = await platform.browser.newContext({ baseURL: platform.baseUrl, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/courses');
    await page.getByRole('searchbox', { name: catalog('en').catalog.search }).fill('financement');
    await Promise.all([
      page.waitForURL(/\/courses\?q=financement/),
      page.getByRole('button', { name: catalog('en').catalog.apply }).click(),
    ]);
    await page.getByRole('heading', { name: demoCourse('financement-du-terrorisme').title }).waitFor();
    assert.equal(await page.getByRole('heading', { name: legal.title }).count(), 0);
  } finally {
    await context.close();
  }
});
