import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
let ids;
before(async () => {
  platform = await startPlatform();
  const [course] = (await platform.db.query(`SELECT id FROM courses WHERE slug = 'international-legal-framework'`)).rows;
  const [lesson] = (
    await platform.db.query(`SELECT id FROM lessons WHERE course_id = $1 AND kind = 'text' ORDER BY position LIMIT 1`, [course.id])
  ).rows;
  const [quiz] = (await platform.db.query(`SELECT id FROM lessons WHERE course_id = $1 AND kind = 'quiz'`, [course.id])).rows;
  ids = { course: course.id, lesson: lesson.id, quiz: quiz.id };
});
after(() => platform?.close());

/** Every main page, as the role that uses it sees it. */
const PAGES = {
  anonymous: [
    '/',
    '/login',
    '/register',
    '/courses',
    '/courses/international-legal-framework',
    '/verify/no-such-code-0000000000',
    '/forgot-password',
    '/reset-password?token=no-such-token',
    '/confirm-email?token=no-such-token',
  ],
  learner: [
    '/profile',
    '/learning',
    '/certificates',
    () => `/courses/international-legal-framework/lessons/${ids.lesson}`,
    () => `/courses/international-legal-framework/lessons/${ids.quiz}`,
  ],
  trainer: ['/teach', () => `/teach/${ids.course}`, () => `/teach/${ids.course}/learners`],
  admin: ['/reports', '/vetting', '/users', '/admin/mail', '/activities'],
};

const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** How far the page reaches past the screen's right (or, in Arabic, left) edge. */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function audit(language) {
  const found = [];
  const checked = [];
  const sideways = [];
  for (const [role, paths] of Object.entries(PAGES)) {
    const page = await newPage(platform, { locale: language === 'ar' ? 'ar' : 'en-GB', bypassCSP: true, viewport: DESK });
    if (role === 'anonymous') {
      await page.goto('/');
      await page.evaluate((l) => localStorage.setItem('ctlp.locale', l), language);
    } else {
      const roles = role === 'learner' ? ['learner'] : [role];
      await logIn(page, await createAccount(platform, { roles, locale: language, fullName: `${role} ${language}` }));
      if (role === 'learner') await page.request.post(`/api/courses/${ids.course}/enrolments`, { headers: { origin: platform.baseUrl } });
      if (role === 'trainer')
        await platform.db.query(`UPDATE courses SET owner_id = (SELECT id FROM users WHERE full_name = $1) WHERE id = $2`, [
          `trainer ${language}`,
          ids.course,
        ]);
    }
    for (const entry of paths) {
      const path = typeof entry === 'function' ? entry() : entry;
      await page.setViewportSize(DESK);
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await page.waitForLoadState('networkidle');
      const violations = await axeViolations(page);
      checked.push(path);
      if (violations.length) found.push(`${language} ${path}:\n    ${violations.join('\n    ')}`);
      const name =
        path
          .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '') || 'home';
      await screenshot(page, `${language}-${String(checked.length).padStart(2, '0')}-${name}`);
      // The same page on a phone: nothing may scroll sideways.
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(100);
      const extra = await overflow(page);
      if (extra > 0) sideways.push(`${language} ${path}: ${extra} px past the screen`);
      await screenshot(page, `${language}-${String(checked.length).padStart(2, '0')}-${name}-phone`);
    }
    assert.deepEqual(page.errors, []);
  }
  return { found, checked, sideways };
}

test('the check itself catches a violation when there is one', async () => {
  const page = await newPage(platform, { bypassCSP: true });
  await page.setContent(
    '<html lang="en"><body><main><h1>Form</h1><input type="text"><p style="color:#ddd;background:#fff">faint</p></main></body></html>',
  );
  const violations = await axeViolations(page);
  assert.ok(
    violations.some((v) => v.startsWith('label (critical)')),
    violations.join('\n'),
  );
  assert.ok(
    violations.some((v) => v.startsWith('color-contrast (serious)')),
    violations.join('\n'),
  );
});

test('axe finds no serious or critical violation on the main pages in English, and none scrolls sideways on a phone', async () => {
  const { found, checked, sideways } = await audit('en');
  assert.equal(checked.length, 22);
  assert.deepEqual(found, [], found.join('\n'));
  assert.deepEqual(sideways, [], 'pages wider than a 390 px phone');
});

test('axe finds no serious or critical violation on the main pages in Arabic, laid out right to left, and none scrolls sideways on a phone', async () => {
  const { found, sideways } = await audit('ar');
  assert.deepEqual(found, [], found.join('\n'));
  assert.deepEqual(sideways, [], 'pages wider than a 390 px phone');
});
