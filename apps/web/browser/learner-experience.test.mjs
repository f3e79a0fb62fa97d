import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const catalog = (locale, namespace) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, `${namespace}.json`), 'utf8'));
const courses = { en: catalog('en', 'courses'), ar: catalog('ar', 'courses') };
const common = { en: catalog('en', 'common'), ar: catalog('ar', 'common') };
const course = demoCourse('international-legal-framework');
const quizSeed = course.modules.flatMap((m) => m.lessons).find((l) => l.quiz).quiz;
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 768 };

let platform;
let ids;
before(async () => {
  platform = await startPlatform();
  const { rows } = await platform.db.query(
    `SELECT c.id AS "courseId", l.id, l.kind, m.id AS "moduleId"
       FROM courses c JOIN course_modules m ON m.course_id = c.id JOIN lessons l ON l.module_id = m.id
      WHERE c.slug = $1 ORDER BY m.position, l.position`,
    [course.slug],
  );
  ids = { course: rows[0].courseId, lessons: rows.map((r) => r.id), modules: [...new Set(rows.map((r) => r.moduleId))], rows };
  ids.quiz = rows.find((r) => r.kind === 'quiz').id;
});
after(() => platform?.close());

async function userId(email) {
  return (await platform.db.query(`SELECT id FROM users WHERE email = $1`, [email])).rows[0].id;
}

/** Rows that taking a quiz, completing a lesson or a course, or enrolling would add to. */
async function tally() {
  const { rows } = await platform.db.query(
    `SELECT (SELECT count(*)::int FROM quiz_attempts) AS attempts, (SELECT count(*)::int FROM lesson_progress) AS progress,
            (SELECT count(*)::int FROM enrolments) AS enrolments, (SELECT count(*)::int FROM certificates) AS certificates`,
  );
  return rows[0];
}

/** Chooses every right answer of the demo quiz, by the options' words. */
async function answerRight(page) {
  for (const question of quizSeed.questions) {
    const fieldset = page.locator('fieldset.question', { hasText: question.prompt });
    for (const option of question.options.filter((o) => o.correct)) {
      await fieldset.getByLabel(option.text, { exact: true }).check();
    }
  }
}

async function noSidewaysScroll(page, width) {
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'no sideways scroll');
}

test('a trainer previews the quiz as a learner sees it, and it is graded without recording anything', async () => {
  const email = await createAccount(platform, { roles: ['trainer'] });
  await platform.db.query(`INSERT INTO course_trainers (course_id, user_id) VALUES ($1, $2)`, [ids.course, await userId(email)]);
  const page = await newPage(platform, { viewport: PHONE, bypassCSP: true });
  await logIn(page, email);
  await page.goto(`/courses/${course.slug}/lessons/${ids.quiz}`);
  await page.getByRole('note').getByText(courses.en.preview.banner).waitFor();
  // As a learner sees it: no right answer marked before submitting, and a button to submit.
  assert.equal(await page.getByText(courses.en.quiz.correctAnswer).count(), 0);
  assert.equal(await page.locator('fieldset.question input:disabled').count(), 0);
  const before = await tally();

  await answerRight(page);
  await page.getByRole('button', { name: courses.en.quiz.submit, exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: courses.en.quiz.yourScore.replace('{{score}}', '100') });
  await status.waitFor();
  await status.getByText(courses.en.preview.notRecorded).waitFor();
  assert.equal(await page.getByText(courses.en.quiz.right, { exact: true }).count(), quizSeed.questions.length);
  // And again: a preview has no attempts to use up.
  // Wait for the answer registered before the click: a fast reply would otherwise be missed.
  const again = page.waitForResponse((r) => r.url().endsWith('/attempts/preview'));
  await page.getByRole('button', { name: courses.en.quiz.submitAgain, exact: true }).click();
  assert.equal((await again).status(), 200);
  assert.deepEqual(await tally(), before, 'nothing recorded');
  assert.deepEqual(await axeViolations(page), []);
  await noSidewaysScroll(page, PHONE.width);
  await screenshot(page, 'experience-quiz-preview-390-en');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // A learner of the course never sees the banner, and the preview route does not exist for them.
  const learnerEmail = await createAccount(platform);
  const learner = await newPage(platform);
  await logIn(learner, learnerEmail);
  await learner.request.post(`/api/courses/${ids.course}/enrolments`, { headers: { origin: platform.baseUrl } });
  const denied = await learner.request.post(`/api/lessons/${ids.quiz}/attempts/preview`, {
    headers: { origin: platform.baseUrl },
    data: { answers: [] },
  });
  assert.equal(denied.status(), 404);
  await learner.goto(`/courses/${course.slug}/lessons/${ids.quiz}`);
  await learner.getByRole('button', { name: courses.en.quiz.submit, exact: true }).waitFor();
  assert.equal(await learner.getByText(courses.en.preview.banner).count(), 0);
  await learner.context().close();
});

test('passing the last quiz shows the completion screen with the serial, the verification link and a copy button', async () => {
  for (const [locale, viewport] of [
    ['en', PHONE],
    ['ar', DESK],
  ]) {
    const email = await createAccount(platform, { locale });
    const uid = await userId(email);
    const [{ id: enrolmentId }] = (
      await platform.db.query(
        `INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'self') RETURNING id`,
        [ids.course, uid],
      )
    ).rows;
    // Everything done but the quiz, which is the last lesson.
    for (const lessonId of ids.lessons.filter((id) => id !== ids.quiz)) {
      await platform.db.query(`INSERT INTO lesson_progress (enrolment_id, lesson_id) VALUES ($1, $2)`, [enrolmentId, lessonId]);
    }
    const page = await newPage(platform, { locale, viewport, bypassCSP: true });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.baseUrl });
    await logIn(page, email);
    await page.goto(`/courses/${course.slug}/lessons/${ids.quiz}`);
    await answerRight(page);
    await page.getByRole('button', { name: courses[locale].quiz.submit, exact: true }).click();

    const panel = page.locator('section.completion');
    await panel.getByRole('heading', { name: courses[locale].completion.title, exact: true }).waitFor();
    // Focus moves to it, as the course completes.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'completion-heading');
    const { rows } = await platform.db.query(`SELECT id, serial, verification_code FROM certificates WHERE enrolment_id = $1`, [
      enrolmentId,
    ]);
    assert.equal(rows.length, 1);
    await panel.getByText(rows[0].serial, { exact: true }).waitFor();
    const verifyUrl = `${platform.baseUrl}/verify/${rows[0].verification_code}`;
    assert.equal(await panel.getByLabel(courses[locale].completion.verificationLink, { exact: true }).inputValue(), verifyUrl);
    assert.equal(
      await panel.getByRole('link', { name: courses[locale].completion.downloadPdf, exact: true }).getAttribute('href'),
      `/api/certificates/${rows[0].id}/pdf`,
    );
    assert.match(
      await panel.getByRole('link', { name: courses[locale].completion.shareLinkedIn, exact: true }).getAttribute('href'),
      new RegExp(`^https://www\\.linkedin\\.com/sharing/share-offsite/\\?url=${encodeURIComponent(verifyUrl).replace(/[.?]/g, '\\$&')}$`),
    );
    await panel.getByRole('button', { name: courses[locale].completion.copy, exact: true }).click();
    await page.getByText(courses[locale].completion.copied, { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), verifyUrl);
    // The learning time in hours and minutes, and the other courses to take next.
    await panel.getByRole('heading', { name: courses[locale].completion.next, exact: true }).waitFor();
    assert.ok((await panel.locator('.suggestions li').count()) >= 1);
    assert.equal(await panel.getByRole('link', { name: course.title }).count(), 0, 'the finished course is not suggested');

    assert.deepEqual(await axeViolations(page), []);
    await noSidewaysScroll(page, viewport.width);
    await screenshot(page, `experience-completion-${viewport.width}-${locale}`);

    // The course page of the finished course shows the same screen.
    await page.goto(`/courses/${course.slug}`);
    await page.locator('section.completion').getByText(rows[0].serial, { exact: true }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a course that issues no certificate says it was completed without one', async () => {
  const email = await createAccount(platform);
  const uid = await userId(email);
  const [other] = (await platform.db.query(`SELECT id, slug FROM courses WHERE slug <> $1 AND status = 'published' LIMIT 1`, [course.slug]))
    .rows;
  await platform.db.query(`UPDATE courses SET certificate_enabled = false WHERE id = $1`, [other.id]);
  await platform.db.query(
    `INSERT INTO enrolments (course_id, user_id, status, source, completed_at) VALUES ($1, $2, 'completed', 'self', now())`,
    [other.id, uid],
  );
  const page = await newPage(platform);
  await logIn(page, email);
  await page.goto(`/courses/${other.slug}`);
  await page.getByText(courses.en.completion.noCertificate).waitFor();
  assert.equal(await page.getByRole('button', { name: courses.en.completion.copy }).count(), 0);
  await page.context().close();
});

test('the home page shows a learner where to continue, and a visitor what the platform offers', async () => {
  const email = await createAccount(platform, { fullName: 'Amani Njoroge' });
  const uid = await userId(email);
  const [{ id: enrolmentId }] = (
    await platform.db.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, last_activity_at) VALUES ($1, $2, 'active', 'self', now()) RETURNING id`,
      [ids.course, uid],
    )
  ).rows;
  await platform.db.query(`INSERT INTO lesson_progress (enrolment_id, lesson_id) VALUES ($1, $2)`, [enrolmentId, ids.lessons[0]]);
  // An older course under way comes second.
  const [older] = (
    await platform.db.query(`SELECT id, title FROM courses WHERE slug <> $1 AND status = 'published' LIMIT 1`, [course.slug])
  ).rows;
  await platform.db.query(
    `INSERT INTO enrolments (course_id, user_id, status, source, last_activity_at) VALUES ($1, $2, 'active', 'self', now() - interval '3 days')`,
    [older.id, uid],
  );
  const published = (await platform.db.query(`SELECT count(*)::int AS n FROM courses WHERE status = 'published'`)).rows[0].n;

  for (const locale of ['en', 'ar']) {
    for (const viewport of [DESK, PHONE]) {
      await platform.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [uid, locale]);
      const page = await newPage(platform, { locale, viewport, bypassCSP: true });
      await logIn(page, email);
      await page.goto('/');
      const section = page.locator('section', { has: page.getByRole('heading', { name: common[locale].home.continue, exact: true }) });
      await section.locator('.continue-card').first().waitFor();
      const titles = await section.locator('.continue-card h3').allTextContents();
      assert.deepEqual(titles, [course.title, older.title], 'most recent first');
      const first = section.locator('.continue-card').first();
      assert.equal(await first.locator('progress').getAttribute('value'), String(Math.round((1 / ids.lessons.length) * 100)));
      assert.equal(
        await first.getByRole('link', { name: `${common[locale].home.resume} ${course.title}`, exact: true }).getAttribute('href'),
        `/courses/${course.slug}/lessons/${ids.lessons[1]}`,
      );
      await page.getByText(common[locale].home.myCertificates, { exact: true }).waitFor();
      await page.getByRole('heading', { name: common[locale].home.recommended, exact: true }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await noSidewaysScroll(page, viewport.width);
      await screenshot(page, `experience-home-learner-${viewport.width}-${locale}`);
      assert.deepEqual(page.errors, []);
      await page.context().close();

      const visitor = await newPage(platform, { locale, viewport, bypassCSP: true });
      await visitor.goto('/');
      await visitor.getByRole('heading', { level: 1, name: common[locale].home.title }).waitFor();
      const main = visitor.getByRole('main');
      assert.equal(await main.getByRole('link', { name: common[locale].nav.register, exact: true }).getAttribute('href'), '/register');
      assert.equal(await main.getByRole('link', { name: common[locale].nav.login, exact: true }).getAttribute('href'), '/login');
      const figure = visitor
        .locator('.home-figures dt', { hasText: common[locale].home.courses })
        .locator('xpath=following-sibling::dd[1]');
      await visitor.waitForFunction((el) => el && !el.textContent.includes('…'), await figure.elementHandle());
      assert.equal(await figure.textContent(), new Intl.NumberFormat(locale).format(published));
      await main.getByRole('heading', { name: common[locale].home.howTitle, exact: true }).waitFor();
      await main.getByRole('heading', { name: common[locale].home.featured, exact: true }).waitFor();
      assert.ok((await main.locator('.suggestions li').count()) >= 1);
      assert.deepEqual(await axeViolations(visitor), []);
      await noSidewaysScroll(visitor, viewport.width);
      await screenshot(visitor, `experience-home-visitor-${viewport.width}-${locale}`);
      assert.deepEqual(visitor.errors, []);
      await visitor.context().close();
    }
  }
});

test('the course outline folds into a disclosure on a phone, with the current module open, and stays open on a desk', async () => {
  const email = await createAccount(platform);
  const uid = await userId(email);
  await platform.db.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'self')`, [
    ids.course,
    uid,
  ]);
  const inSecondModule = ids.rows.find((r) => r.moduleId === ids.modules[1]).id;
  const isOpen = (locator) => locator.evaluate((el) => el.open);

  for (const viewport of [PHONE, DESK]) {
    const phone = viewport === PHONE;
    const page = await newPage(platform, { viewport, bypassCSP: true });
    await logIn(page, email);
    await page.goto(`/courses/${course.slug}/lessons/${inSecondModule}`);
    const nav = page.getByRole('navigation', { name: courses.en.lesson.outline, exact: true });
    const disclosure = nav.locator('details.outline-disclosure');
    await disclosure.waitFor({ state: 'attached' });
    assert.equal(await isOpen(disclosure), !phone);
    assert.equal(await nav.locator('details.outline-disclosure > summary').isVisible(), phone);
    const modules = nav.locator('details.module-disclosure');
    assert.deepEqual(
      await modules.evaluateAll((all) => all.map((d) => d.open)),
      ids.modules.map((id, index) => !phone || index === 1),
    );
    if (phone) {
      // One tap opens it, on the lesson being read.
      await nav.locator('details.outline-disclosure > summary').click();
      assert.equal(await isOpen(disclosure), true);
      assert.equal(await nav.locator('a[aria-current="page"]').isVisible(), true);
    }
    await noSidewaysScroll(page, viewport.width);

    await page.goto(`/courses/${course.slug}`);
    const outline = page.locator('section[aria-labelledby="outline-heading"] details.outline-disclosure');
    await outline.waitFor({ state: 'attached' });
    assert.equal(await isOpen(outline), !phone);
    assert.deepEqual(await axeViolations(page), []);
    await noSidewaysScroll(page, viewport.width);
    await screenshot(page, `experience-course-outline-${viewport.width}-en`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
