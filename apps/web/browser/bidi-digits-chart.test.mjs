// Arabic with English courses: authored titles stay beside their numbers, language names are in
// the reader's language at the start edge, one digit system per page; and the reports chart is
// as wide as its column, with month labels that neither collide nor stick out, at 1366 and 390 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const ENGLISH_COURSE = 'human-rights-investigations';
const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/;

async function userId(email) {
  return (await platform.db.query('SELECT id FROM users WHERE email = $1', [email])).rows[0].id;
}
async function courseId(slug) {
  return (await platform.db.query('SELECT id FROM courses WHERE slug = $1', [slug])).rows[0].id;
}

/**
 * Where the text of each matching element is drawn, against its own box: in a right-to-left page
 * a title's text should end at the box's right edge (where the list's number is), not the left.
 */
function textEdges(page, selector) {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const text = range.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return { text: element.textContent.trim(), left: text.left - box.left, right: box.right - text.right };
    }),
  );
}

async function assertNoHorizontalOverflow(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `the page is ${scroll}px wide in a ${client}px window`);
}

test('in Arabic, English module titles sit beside their numbers and the course language is named in Arabic at the start edge', async () => {
  const email = await createAccount(platform, { locale: 'ar', fullName: 'سلمى يوسف' });
  await platform.db.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'self')`, [
    await courseId(ENGLISH_COURSE),
    await userId(email),
  ]);
  const page = await newPage(platform, { viewport: DESK });
  await logIn(page, email);
  await page.goto(`/courses/${ENGLISH_COURSE}`);
  await page.getByRole('heading', { name: 'Human Rights in Counter-Terrorism Investigations' }).waitFor();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');

  const problems = [];
  const check = (ok, what) => ok || problems.push(what);
  // The outline "1. ▾ Principles": the number is outside the item on its right, then the module's
  // disclosure triangle; the title must end right there (it was flung 771–987 px away).
  const modules = await page.locator('.outline > li').evaluateAll((items) =>
    items.map((item) => {
      const title = item.querySelector('.module-title');
      return { text: title.textContent.trim(), right: item.getBoundingClientRect().right - title.getBoundingClientRect().right };
    }),
  );
  assert.equal(modules.length, 3);
  for (const module of modules) check(module.right <= 28, `"${module.text}" ends ${Math.round(module.right)}px from its number`);
  for (const lesson of await textEdges(page, '.outline > li ol > li')) {
    check(lesson.right <= 2, `"${lesson.text}" ends ${Math.round(lesson.right)}px from its number`);
  }

  // The course's language: in the reader's language, at the start (right) of its line.
  const [language] = await textEdges(page, '.facts dd >> nth=0');
  check(language.text === 'الإنجليزية', `the course language is called "${language.text}"`);
  check(language.right <= 2, `the language name is ${Math.round(language.right)}px from the right edge`);
  await screenshot(page, 'bidi-course-ar');

  // The lesson page's outline, and the catalog card's language badge.
  await page.goto(`/courses/${ENGLISH_COURSE}`);
  await page.locator('.outline a').first().click();
  await page.locator('.lesson-outline .module-title').first().waitFor();
  const lessonPageModules = await page.locator('.lesson-outline .module-title').evaluateAll((titles) =>
    titles.map((title) => ({
      text: title.textContent.trim(),
      right: title.closest('li').getBoundingClientRect().right - title.getBoundingClientRect().right,
    })),
  );
  assert.equal(lessonPageModules.length, 3);
  for (const title of lessonPageModules) {
    check(title.right <= 28, `lesson page: "${title.text.slice(0, 30)}" ends ${Math.round(title.right)}px from its number`);
  }
  // The interface's words inside an English lesson keep the interface's direction: "mark complete" at the right.
  const action = await page.locator('.lesson-actions').evaluate((actions) => {
    const button = actions.querySelector('button').getBoundingClientRect();
    return actions.getBoundingClientRect().right - button.right;
  });
  check(action <= 2, `the lesson's "mark complete" is ${Math.round(action)}px from the right edge`);
  await page.goto('/courses');
  const card = page.locator('.card').filter({ hasText: 'Human Rights in Counter-Terrorism Investigations' });
  await card.waitFor();
  check(/الإنجليزية/.test(await card.innerText()), `the catalog card names the language "${await card.locator('.muted').innerText()}"`);
  // Each place, then what was wrong in each.
  assert.deepEqual(problems, []);
  assert.deepEqual(page.errors, []);
});

test('an Arabic page writes its numbers in one digit system, whatever the Arabic of the browser: catalog, course, my learning', async () => {
  const email = await createAccount(platform, { locale: 'ar', fullName: 'كريم منصور' });
  const id = await userId(email);
  await platform.db.query(
    `INSERT INTO enrolments (course_id, user_id, status, source, completed_at, final_score) VALUES ($1, $2, 'completed', 'self', now(), 85)`,
    [await courseId('international-legal-framework'), id],
  );
  await platform.db.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'self')`, [
    await courseId(ENGLISH_COURSE),
    id,
  ]);
  const mixed = [];
  const visit = async (page, path, ready) => {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    if (!/[0-9]/.test(text)) mixed.push(`${path} shows no Western digit`);
    const lines = text.split('\n').filter((line) => ARABIC_INDIC.test(line));
    if (lines.length) mixed.push(`${path}: ${lines.join(' | ')}`);
    await assertNoHorizontalOverflow(page);
  };
  // A visitor whose browser speaks Egyptian Arabic (whose own digits are Arabic-Indic): the
  // interface is Arabic, the counts inside its sentences Western, and so must every number be.
  const visitor = await newPage(platform, { locale: 'ar-EG', viewport: PHONE });
  await visit(visitor, '/courses', '.card');
  await visit(visitor, `/courses/${ENGLISH_COURSE}`, '.facts');
  // An official whose profile says Arabic, on a Saudi browser.
  const official = await newPage(platform, { locale: 'ar-SA', viewport: PHONE });
  await logIn(official, email);
  await visit(official, '/learning', 'progress');
  await visit(official, `/courses/${ENGLISH_COURSE}`, '.facts');
  await screenshot(official, 'digits-course-ar');
  // Every page, then what was wrong on each.
  assert.deepEqual(mixed, []);
  for (const page of [visitor, official]) assert.deepEqual(page.errors, []);
});

/** Twelve officials of three States, each finishing a course in a different month of 2025–2026. */
async function completionsAcrossMonths() {
  const courses = [];
  for (const slug of ['human-rights-investigations', 'international-legal-framework', 'financement-du-terrorisme'])
    courses.push(await courseId(slug));
  const states = ['KEN', 'FRA', 'JOR'];
  for (let i = 0; i < 14; i++) {
    const email = await createAccount(platform, { memberState: states[i % 3], fullName: `Official ${i}` });
    const month = 10 + i; // November 2025 onwards
    const day = `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15T10:00:00Z`;
    for (let c = 0; c <= i % 3; c++) {
      await platform.db.query(
        `INSERT INTO enrolments (course_id, user_id, status, source, completed_at) VALUES ($1, $2, 'completed', 'self', $3)`,
        [courses[c], await userId(email), day],
      );
    }
  }
}

/** The chart's geometry as drawn: its box, its column, the bars' extent and each label's box. */
function chartGeometry(page) {
  return page
    .locator('figure.chart svg')
    .first()
    .evaluate((svg) => {
      const box = (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width });
      const column = svg.closest('section').getBoundingClientRect();
      const bars = [...svg.querySelectorAll('rect')].map((r) => r.getBoundingClientRect()).filter((r) => r.width > 0);
      const baseline = Math.max(...[...svg.querySelectorAll('rect')].map((r) => r.getBoundingClientRect().bottom));
      // The axis labels are the texts under the bars (the counts are above them).
      const labels = [...svg.querySelectorAll('text')]
        .map((t) => ({ text: t.textContent, ...box(t.getBoundingClientRect()) }))
        .filter((t) => t.top >= baseline - 1 && t.text.trim());
      return {
        svg: box(svg.getBoundingClientRect()),
        column: box(column),
        bars: { left: Math.min(...bars.map((b) => b.left)), right: Math.max(...bars.map((b) => b.right)) },
        labels,
      };
    });
}

test('the reports chart spans its column, its month labels neither collide nor stick out, at 1366 and 390 px, in English and Arabic', async () => {
  await completionsAcrossMonths();
  const admin = await createAccount(platform, { roles: ['admin'], fullName: 'Ada Admin' });
  const problems = [];
  const check = (ok, what) => ok || problems.push(what);
  for (const locale of ['en', 'ar']) {
    await platform.db.query('UPDATE users SET locale = $1 WHERE email = $2', [locale, admin]);
    for (const viewport of [DESK, PHONE]) {
      const page = await newPage(platform, { viewport, bypassCSP: true });
      await logIn(page, admin);
      await page.goto('/reports?from=2025-11-01&to=2027-01-01&source=online');
      await page.locator('figure.chart svg rect').first().waitFor();
      const where = `${locale} at ${viewport.width}px`;
      const chart = await chartGeometry(page);
      check(chart.svg.width >= 0.9 * chart.column.width, `${where}: the chart is ${chart.svg.width}px of a ${chart.column.width}px column`);
      const drawn = chart.bars.right - chart.bars.left;
      check(drawn >= 0.9 * chart.column.width, `${where}: the bars take ${Math.round(drawn)}px of a ${chart.column.width}px column`);
      check(chart.labels.length >= 2, `${where}: the axis has labels`);
      for (const label of chart.labels) {
        check(
          label.left >= chart.svg.left - 0.5 && label.right <= chart.svg.right + 0.5,
          `${where}: "${label.text}" (${Math.round(label.left)}–${Math.round(label.right)}) sticks out of the chart (${chart.svg.left}–${chart.svg.right})`,
        );
      }
      const sorted = [...chart.labels].sort((a, b) => a.left - b.left);
      for (let i = 1; i < sorted.length; i++) {
        const [a, b] = [sorted[i - 1], sorted[i]];
        const overlap = a.right > b.left && a.bottom > b.top && b.bottom > a.top;
        check(!overlap, `${where}: "${a.text}" and "${b.text}" overlap`);
      }
      // The years are marked: both show on the axis of a period across New Year.
      const axis = chart.labels.map((l) => l.text).join(' ');
      check(/2025/.test(axis), `${where}: no 2025 on ${axis}`);
      check(/2026/.test(axis), `${where}: no 2026 on ${axis}`);
      if (locale === 'ar') check(!ARABIC_INDIC.test(await page.locator('main').innerText()), `${where}: Arabic-Indic digits on the report`);
      await assertNoHorizontalOverflow(page);
      await screenshot(page, `reports-chart-${locale}-${viewport.width}`);
      if (viewport === PHONE) {
        await page.locator('details.chart-data summary').click();
        assert.deepEqual(await axeViolations(page), []);
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
  // Every language and size, then what was wrong in each.
  assert.deepEqual(problems, []);
});
