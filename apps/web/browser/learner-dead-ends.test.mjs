import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createAccount, demoCourse, logIn, newPage, startPlatform } from './support.mjs';

const LOCALES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'];
const catalog = (locale, namespace) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, `${namespace}.json`), 'utf8'));
const courses = Object.fromEntries(LOCALES.map((locale) => [locale, catalog(locale, 'courses')]));
const common = Object.fromEntries(LOCALES.map((locale) => [locale, catalog(locale, 'common')]));
const course = demoCourse('international-legal-framework');
const coursePath = `/courses/${course.slug}`;

/** "1 hour 30 minutes" as the platform should say it, with the browser's own plural rules. */
function longDuration(page, minutes) {
  return page.evaluate((total) => {
    const lang = document.documentElement.lang;
    const unit = (value, name) => new Intl.NumberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    const parts = [hours ? unit(hours, 'hour') : '', rest || !hours ? unit(rest, 'minute') : ''].filter(Boolean);
    return new Intl.ListFormat(lang, { type: 'unit', style: 'narrow' }).format(parts);
  }, minutes);
}

/** Console errors (a failed request is one) from the moment the page is made. */
function consoleErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

test('a signed-out visit to the catalog and a course logs no error, and the course offers logging in and registering, in six languages', async () => {
  for (const locale of LOCALES) {
    const page = await newPage(platform, { locale });
    const errors = consoleErrors(page);
    await page.goto('/courses');
    await page.getByRole('link', { name: course.title }).waitFor();
    assert.deepEqual(errors, [], `${locale}: console errors on the catalog`);
    await page.goto(coursePath);
    await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
    assert.equal(await page.getByText(/^Log in to enrol$/).count(), 0, 'the small link is now a call to action');
    const panel = page.locator('.call-to-action');
    await panel.getByText(courses[locale].course.joinPrompt).waitFor();
    const login = panel.getByRole('link', { name: courses[locale].course.logIn, exact: true });
    const register = panel.getByRole('link', { name: courses[locale].course.register, exact: true });
    assert.equal(await login.getAttribute('href'), `/login?next=${encodeURIComponent(coursePath)}`);
    assert.equal(await register.getAttribute('href'), `/register?next=${encodeURIComponent(coursePath)}`);
    assert.equal(await page.evaluate(() => document.documentElement.dir), locale === 'ar' ? 'rtl' : 'ltr');

    // The estimated time in words with plurals: "1 hour 47 minutes", not "1 hr 47 min".
    const minutes = (await (await page.request.get(`/api/courses/${course.slug}`)).json()).estimatedMinutes;
    const time = page.locator('.facts dt', { hasText: courses[locale].course.time }).locator('xpath=following-sibling::dd[1]');
    assert.equal((await time.textContent()).trim(), await longDuration(page, minutes));

    if (locale === 'en') {
      await register.click();
      await page.waitForURL('**/register?next=**');
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
    assert.deepEqual(errors, [], `${locale}: console errors`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('an applicant awaiting vetting is told enrolment opens once approved, and is offered no Enrol button', async () => {
  for (const locale of ['en', 'ar']) {
    const email = await createAccount(platform, { locale });
    await platform.db.query(`UPDATE users SET status = 'pending' WHERE email = $1`, [email]);
    const page = await newPage(platform, { locale });
    await logIn(page, email);
    await page.goto(coursePath);
    await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
    await page.locator('.panel').first().waitFor();
    assert.equal(await page.getByRole('button', { name: courses[locale].course.enrol, exact: true }).count(), 0);
    assert.equal(await page.getByText(courses[locale].course.openToYou).count(), 0);
    await page.getByText(courses[locale].course.awaitingVetting).waitFor();
    await page.context().close();
  }
});

test('a rejected applicant is given the way to register again, on the page and in the header', async () => {
  for (const locale of ['en', 'fr', 'ar']) {
    const email = await createAccount(platform, { locale });
    await platform.db.query(`UPDATE users SET status = 'rejected', rejection_reason = 'Use your institutional address' WHERE email = $1`, [
      email,
    ]);
    const page = await newPage(platform, { locale });
    await logIn(page, email);
    await page.goto('/pending');
    await page.getByRole('heading', { level: 1, name: common[locale].pending.rejectedTitle }).waitFor();
    const header = page.locator('.site-header');
    assert.equal(await header.getByRole('link', { name: common[locale].nav.register, exact: true }).count(), 1);
    await page.getByText(common[locale].pending.again).waitFor();
    await page.getByRole('main').getByRole('link', { name: common[locale].pending.registerAgain, exact: true }).click();
    await page.waitForURL('**/register');
    await page.getByRole('heading', { level: 1, name: common[locale].register.title }).waitFor();

    // A course page says why enrolling is not possible and links to the reason.
    await page.goto(coursePath);
    await page.getByText(courses[locale].course.notApproved).waitFor();
    assert.equal(await page.getByRole('button', { name: courses[locale].course.enrol, exact: true }).count(), 0);
    await page.context().close();
  }
});

test('a finished course offers the certificate and a review, not "resume where you stopped"; the Arabic card keeps its serial whole', async () => {
  const email = await createAccount(platform, { locale: 'ar', fullName: 'نادية رحمن' });
  const [{ id: userId }] = (await platform.db.query(`SELECT id FROM users WHERE email = $1`, [email])).rows;
  const [{ id: courseId, estimated_minutes: minutes }] = (
    await platform.db.query(`SELECT id, estimated_minutes FROM courses WHERE slug = $1`, [course.slug])
  ).rows;
  const [{ id: enrolmentId }] = (
    await platform.db.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, completed_at) VALUES ($1, $2, 'completed', 'self', now()) RETURNING id`,
      [courseId, userId],
    )
  ).rows;
  const serial = 'CTLP-2026-000002';
  await platform.db.query(
    `INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours)
     VALUES ($1, $2, $3, $4, 'browser-test-code-0000000', 'نادية رحمن', $5, certificate_hours($6))`,
    [enrolmentId, userId, courseId, serial, course.title, minutes],
  );

  for (const locale of ['en', 'ar']) {
    await platform.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [userId, locale]);
    const page = await newPage(platform, { locale, viewport: { width: 390, height: 844 } });
    await logIn(page, email);
    await page.goto(coursePath);
    await page.getByRole('heading', { name: courses[locale].completion.title, exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: courses[locale].course.resume }).count(), 0);
    const certificateLink = page.getByRole('main').getByRole('link', { name: common[locale].nav.certificates, exact: true });
    assert.equal(await certificateLink.getAttribute('href'), '/certificates');
    assert.match(await page.getByRole('link', { name: courses[locale].course.review, exact: true }).getAttribute('href'), /\/lessons\//);

    await certificateLink.click();
    await page.waitForURL('**/certificates');
    const serialText = page.locator('bdi.serial', { hasText: serial });
    await serialText.waitFor();
    // One box: the serial is not broken across lines at its dashes, and reads left to right.
    const layout = await serialText.evaluate((element) => ({
      boxes: element.getClientRects().length,
      direction: getComputedStyle(element).direction,
      wrap: getComputedStyle(element).whiteSpace,
    }));
    assert.deepEqual(layout, { boxes: 1, direction: 'ltr', wrap: 'nowrap' });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
