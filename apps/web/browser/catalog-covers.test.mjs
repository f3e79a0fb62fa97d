import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { axeViolations, createAccount, demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const en = (namespace) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales/en', `${namespace}.json`), 'utf8'));
const courses = en('courses');
const common = en('common');
const covered = demoCourse('international-legal-framework');
const plain = demoCourse('human-rights-investigations');
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** A photo-like landscape JPEG made here (the machine reaches no image host). */
function photo() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000">
    <defs><linearGradient id="sky" x2="0" y2="1"><stop offset="0" stop-color="#2a6fb0"/><stop offset="1" stop-color="#f2c46d"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/><circle cx="1200" cy="300" r="140" fill="#fff6d5"/>
    <path d="M0 800 L400 520 L700 760 L1000 480 L1600 820 L1600 1000 L0 1000 Z" fill="#1d3b2a"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** The page's layout shifts from its first paint on, as Chrome counts them for CLS (shifts right after input excluded). */
async function watchLayoutShifts(page) {
  await page.addInitScript(() => {
    window.__layoutShift = 0;
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__layoutShift += entry.value;
        window.__shifts.push({
          value: entry.value,
          at: Math.round(entry.startTime),
          sources: entry.sources.map(
            (s) => `${s.node?.nodeName}.${s.node?.className} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`,
          ),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const sidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
const card = (page, title) => page.locator('.cards > li').filter({ has: page.getByRole('link', { name: title, exact: true }) });

let platform;
let courseId;
before(async () => {
  platform = await startPlatform();
  ({
    rows: [{ id: courseId }],
  } = await platform.db.query(`SELECT id FROM courses WHERE slug = $1`, [covered.slug]));
});
after(() => platform?.close());

test('the catalog does not move the footer while it loads (CLS below 0.1 on a desk and a phone)', async () => {
  for (const [name, viewport] of Object.entries({ desk: DESK, phone: PHONE })) {
    const page = await newPage(platform, { viewport });
    await watchLayoutShifts(page);
    // The courses arrive after the page is drawn, as they do on a slow line.
    await page.route('**/api/courses?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.goto('/courses');
    await page.getByRole('link', { name: covered.title, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const cls = await page.evaluate(() => window.__layoutShift);
    console.log(`Catalog CLS (${name}, ${viewport.width}×${viewport.height}): ${cls.toFixed(4)}`);
    if (process.env.DEBUG_CLS) console.log(JSON.stringify(await page.evaluate(() => window.__shifts), null, 1));
    assert.ok(cls < 0.1, `${name}: cumulative layout shift ${cls.toFixed(4)} is 0.1 or more`);
    await page.context().close();
  }
});

test('a trainer gives a course a cover: refused files say why, the chosen image is previewed, saved and removed after a question', async () => {
  const email = await createAccount(platform, { roles: ['trainer'], fullName: 'Cover Trainer' });
  await platform.db.query(`INSERT INTO course_trainers (course_id, user_id) SELECT $1, id FROM users WHERE email = $2`, [courseId, email]);
  const page = await newPage(platform, { viewport: PHONE, bypassCSP: true });
  await logIn(page, email);
  await page.goto(`/teach/${courseId}`);
  const section = page.getByRole('region', { name: courses.cover.heading, exact: true });
  await section.getByText(courses.cover.none, { exact: true }).waitFor();
  assert.equal(await section.locator('.cover-placeholder').count(), 1, 'without a cover the editor shows the placeholder');
  const input = section.getByLabel(courses.cover.choose, { exact: true });

  // An SVG renamed .png: refused by the API, the reason under the field.
  await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await section.getByRole('button', { name: courses.cover.save, exact: true }).click();
  await section.getByText(common.fieldErrors.file_content_mismatch.replace('{{extension}}', 'png'), { exact: true }).waitFor();

  await input.setInputFiles({ name: 'landscape.jpg', mimeType: 'image/jpeg', buffer: await photo() });
  await section.getByRole('img', { name: 'Preview of the chosen cover image', exact: true }).waitFor();
  await section.getByText(courses.cover.preview, { exact: true }).waitFor();
  await section.getByRole('button', { name: courses.cover.save, exact: true }).click();
  await page.getByText(courses.cover.saved, { exact: true }).waitFor();
  await section.getByText(courses.cover.current, { exact: true }).waitFor();
  const current = section.locator('img.cover');
  assert.match(await current.getAttribute('src'), new RegExp(`^/api/courses/${courseId}/cover/800\\.webp\\?v=`));
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await sidewaysScroll(page), false, 'the editor scrolls sideways at 390 px');
  await screenshot(page, 'cover-editor-phone');

  // The course page shows it too, fetched at once (it is above the fold).
  await page.goto(`/courses/${covered.slug}`);
  const banner = page.locator('.course-page-cover');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('loading'), 'eager');
  await page.waitForFunction(() => document.querySelector('.course-page-cover')?.complete);
  assert.ok((await banner.evaluate((img) => img.naturalWidth)) > 0, 'the course page cover loaded');
});

test('catalog cards show a lazy, sized cover, and a placeholder of the same size for a course without one', async () => {
  for (const [name, viewport] of Object.entries({ desk: DESK, phone: PHONE })) {
    const page = await newPage(platform, { viewport, bypassCSP: true });
    const covers = [];
    page.on('response', (response) => {
      if (response.url().includes('/cover/')) covers.push(response);
    });
    await page.goto('/courses');
    const image = card(page, covered.title).locator('img.cover');
    await image.waitFor();
    assert.equal(await image.getAttribute('loading'), 'lazy');
    assert.equal(await image.getAttribute('decoding'), 'async');
    assert.equal(await image.getAttribute('width'), '800');
    assert.equal(await image.getAttribute('height'), '450');
    assert.equal(await image.getAttribute('alt'), '', 'decorative: the title is beside it');
    assert.match(await image.getAttribute('srcset'), /\/cover\/400\.webp\?v=[\w-]+ 400w, .*\/cover\/800\.webp\?v=[\w-]+ 800w$/);
    assert.ok(await image.getAttribute('sizes'));
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle());
    assert.match(await image.evaluate((img) => img.currentSrc), /\/cover\/(400|800)\.webp\?v=/);
    const served = covers.find((response) => response.status() === 200);
    assert.ok(served, `${name}: a cover was fetched`);
    assert.equal(served.headers()['content-type'], 'image/webp');
    assert.match(served.headers()['cache-control'], /max-age=31536000, immutable/);

    const placeholder = card(page, plain.title).locator('.cover-placeholder');
    assert.equal((await placeholder.textContent()).trim(), Array.from(plain.title)[0].toUpperCase());
    assert.equal(await placeholder.getAttribute('aria-hidden'), 'true');
    const [imageBox, placeholderBox] = [await image.boundingBox(), await placeholder.boundingBox()];
    assert.ok(Math.abs(imageBox.height - placeholderBox.height) < 1, `${name}: the placeholder is as tall as a cover`);
    assert.ok(Math.abs(imageBox.width - placeholderBox.width) < 1, `${name}: the placeholder is as wide as a cover`);
    assert.ok(Math.abs(imageBox.height / imageBox.width - 9 / 16) < 0.01, `${name}: covers show at 16:9`);
    assert.equal(await sidewaysScroll(page), false, `${name}: the catalog scrolls sideways`);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, `catalog-covers-${name}`);
    await page.context().close();
  }
});

test('removing the cover asks first, then the card shows the placeholder again', async () => {
  const email = await createAccount(platform, { roles: ['trainer'], fullName: 'Cover Remover' });
  await platform.db.query(`INSERT INTO course_trainers (course_id, user_id) SELECT $1, id FROM users WHERE email = $2`, [courseId, email]);
  const page = await newPage(platform);
  await logIn(page, email);
  await page.goto(`/teach/${courseId}`);
  const section = page.getByRole('region', { name: courses.cover.heading, exact: true });
  await section.getByRole('button', { name: courses.cover.remove, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: courses.cover.confirmRemove, exact: true });
  await dialog.getByRole('button', { name: courses.cover.remove, exact: true }).click();
  await page.getByText(courses.cover.removed, { exact: true }).waitFor();
  await section.getByText(courses.cover.none, { exact: true }).waitFor();
  await page.goto('/courses');
  await card(page, covered.title).locator('.cover-placeholder').waitFor();
  assert.equal(await card(page, covered.title).locator('img').count(), 0);
});
