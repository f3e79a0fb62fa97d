import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const LOCALES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'];
const courses = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, 'courses.json'), 'utf8')),
  ]),
);
const course = demoCourse('international-legal-framework');
const coursePath = `/courses/${course.slug}`;

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** A completion of the course a year ago whose certificate expired last month, as the database would hold it. */
async function expiredCompletion(email) {
  const code = randomBytes(18).toString('base64url');
  const [{ serial }] = (
    await platform.db.query(
      `WITH e AS (
         INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at)
         SELECT c.id, u.id, 'completed', 'self', now() - interval '400 days', now() - interval '390 days'
           FROM courses c, users u WHERE c.slug = $1 AND u.email = $2
         RETURNING id, course_id, user_id)
       INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, issued_at, expires_at)
       SELECT e.id, e.user_id, e.course_id, 'CTLP-2025-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'), $3,
              u.full_name, c.title, 1.5, now() - interval '390 days', now() - interval '25 days'
         FROM e JOIN users u ON u.id = e.user_id JOIN courses c ON c.id = e.course_id
       RETURNING serial`,
      [course.slug, email, code],
    )
  ).rows;
  return { serial, code };
}

/** Every lesson of the course done and its quiz passed, through the API from the signed-in page. */
async function finishCourse(page) {
  const right = Object.fromEntries(
    course.modules
      .flatMap((m) => m.lessons)
      .filter((l) => l.quiz)
      .flatMap((l) => l.quiz.questions)
      .map((q) => [q.prompt, q.options.filter((o) => o.correct).map((o) => o.text)]),
  );
  return page.evaluate(
    async ({ slug, right }) => {
      const json = { 'content-type': 'application/json' };
      const outline = await (await fetch(`/api/courses/${slug}`)).json();
      let certificate;
      for (const lesson of outline.modules.flatMap((m) => m.lessons)) {
        let answer;
        if (lesson.kind === 'quiz') {
          const { quiz } = await (await fetch(`/api/lessons/${lesson.id}`)).json();
          const answers = quiz.questions.map((q) => ({
            questionId: q.id,
            optionIds: q.options.filter((o) => right[q.prompt].includes(o.text)).map((o) => o.id),
          }));
          answer = await fetch(`/api/lessons/${lesson.id}/attempts`, { method: 'POST', headers: json, body: JSON.stringify({ answers }) });
        } else {
          answer = await fetch(`/api/lessons/${lesson.id}/complete`, { method: 'POST', headers: json, body: '{}' });
        }
        if (!answer.ok) throw new Error(`${lesson.kind} ${answer.status}`);
        certificate = (await answer.json()).certificate ?? certificate;
      }
      return certificate;
    },
    { slug: course.slug, right },
  );
}

test('an official whose certificate expired takes the course again from My learning, and the old serial then verifies as superseded, in six languages', async () => {
  const en = courses.en;
  const email = await createAccount(platform, { fullName: 'Farida Haidari' });
  const old = await expiredCompletion(email);

  const learner = await newPage(platform);
  await logIn(learner, email);
  await learner.goto('/learning');
  await learner.getByText(en.retake.expired).waitFor();
  await screenshot(learner, 'recertification-my-learning');
  const enrolled = learner.waitForResponse((r) => r.url().endsWith('/enrolments') && r.request().method() === 'POST');
  await learner.getByRole('button', { name: en.retake.action }).click();
  assert.equal((await enrolled).status(), 201);
  await learner.waitForURL(`**${coursePath}`);
  // The new cycle starts empty: "Start", not "Resume" or the completion screen.
  await learner.getByRole('link', { name: en.course.start }).waitFor();
  assert.equal(await learner.getByText(en.retake.expired).count(), 0);

  // My learning: the current cycle, and the first one in its history with the expired certificate.
  await learner.goto('/learning');
  await learner.getByText(en.learning.cycle.replace('{{cycle}}', '2')).waitFor();
  await learner.getByText(en.learning.pastCycles).click();
  const past = learner.locator('.past-cycles li');
  await past.getByText(old.serial).waitFor();
  assert.match(await past.textContent(), new RegExp(en.certificateStatuses.expired));

  const second = await finishCourse(learner);
  assert.ok(second?.serial && second.serial !== old.serial, 'the second cycle issues a new certificate');
  await learner.goto(coursePath);
  await learner.getByRole('heading', { name: en.completion.title }).waitFor();
  await learner.goto('/learning');
  await learner.getByText(en.learning.pastCycles).click();
  assert.match(await learner.locator('.past-cycles li').textContent(), new RegExp(en.certificateStatuses.superseded));

  for (const locale of LOCALES) {
    const anyone = await newPage(platform, { locale });
    const t = courses[locale];
    await anyone.goto(`/verify/${old.code}`);
    await anyone.getByText(t.verifyStatuses.superseded).waitFor();
    const current = anyone.getByRole('region', { name: t.verify.current });
    await current.getByText(second.serial).waitFor();
    await current.getByText(t.certificateStatuses.valid, { exact: true }).waitFor();
    assert.equal(await anyone.evaluate(() => document.documentElement.dir), locale === 'ar' ? 'rtl' : 'ltr');
    if (locale === 'en' || locale === 'ar') await screenshot(anyone, `recertification-verify-${locale}`);
    assert.deepEqual(anyone.errors, []);
    await anyone.context().close();
  }
  // The superseded certificate's page, with its current certificate, passes axe.
  const checked = await newPage(platform, { bypassCSP: true });
  await checked.goto(`/verify/${old.code}`);
  await checked.getByRole('region', { name: en.verify.current }).waitFor();
  assert.deepEqual(await axeViolations(checked), []);
  await checked.context().close();

  const fresh = await newPage(platform);
  await fresh.goto(`/verify/${second.verificationCode}`);
  await fresh.getByText(en.verifyStatuses.valid).waitFor();
  assert.equal(await fresh.getByRole('region', { name: en.verify.current }).count(), 0);
  assert.deepEqual(learner.errors, []);
  assert.deepEqual(fresh.errors, []);
});
