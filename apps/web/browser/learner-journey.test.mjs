import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

test('an official registers, is vetted, learns, passes the quiz and gets a certificate that anyone can verify', async () => {
  const course = demoCourse('international-legal-framework');
  const email = `nadia.${Date.now()}@interior.example`;

  // Registration.
  const learner = await newPage(platform);
  await learner.goto('/register');
  await learner.getByLabel('Email address').fill(email);
  await learner.getByLabel('Password').fill('a long passphrase of my own');
  await learner.getByLabel('Full name').fill('Nadia Rahman');
  await learner.getByLabel('Member State').fill('Kenya');
  await learner.getByLabel('Institution').fill('Anti-Terrorism Police Unit');
  await learner.getByLabel('Type of agency').selectOption('police');
  await learner.getByLabel('Job title').fill('Inspector');
  await learner.getByLabel('Gender').selectOption('female');
  await learner.locator('form').getByRole('button', { name: 'Register' }).click();
  // No one is signed in by registering: the applicant is asked to confirm the address, then logs in.
  await learner.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  await logIn(learner, email, 'a long passphrase of my own');
  await learner.waitForURL('**/pending');
  await screenshot(learner, 'pending');

  // Vetting by Kenya's focal point.
  const focal = await newPage(platform);
  await logIn(focal, 'focal.point@ctlp.example');
  await focal.goto('/vetting');
  await focal.getByRole('button', { name: 'Approve Nadia Rahman' }).click();
  await focal.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
  await focal.getByText('Nadia Rahman approved.').waitFor();
  await screenshot(focal, 'vetting');

  // Enrolment and the lessons, in order.
  await learner.goto('/courses');
  await learner.getByRole('link', { name: course.title }).click();
  await screenshot(learner, 'course');
  await learner.getByRole('button', { name: 'Enrol' }).click();
  await learner.waitForURL(/\/lessons\//);
  const textLessons = course.modules.flatMap((m) => m.lessons).filter((l) => !l.quiz);
  for (const [index, lesson] of textLessons.entries()) {
    await learner.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
    await learner.getByRole('button', { name: 'Mark as complete' }).click();
    await learner.getByText('Lesson completed').waitFor();
    if (index === 0) await screenshot(learner, 'lesson');
    await learner.getByRole('link', { name: 'Next lesson' }).click();
  }

  // The quiz: one wrong attempt shows no answers, then the right answers pass.
  const quiz = course.modules.flatMap((m) => m.lessons).find((l) => l.quiz).quiz;
  await learner.getByRole('heading', { level: 1, name: 'Check your understanding' }).waitFor();
  // Every question answered wrong (an empty submission is refused without using an attempt).
  for (const question of quiz.questions) await learner.getByLabel(question.options.find((o) => !o.correct).text, { exact: true }).check();
  await learner.getByRole('button', { name: 'Submit my answers' }).click();
  await learner.getByText(/Your score: 0%/).waitFor();
  // How many were right, never which: no verdict per question and no right answer marked.
  await learner.getByText(`0 of ${quiz.questions.length} right.`).waitFor();
  assert.equal(await learner.locator('.verdict').count(), 0);
  assert.equal(await learner.getByText('correct answer').count(), 0);
  for (const question of quiz.questions) {
    for (const option of question.options) {
      const box = learner.getByLabel(option.text, { exact: true });
      if (option.correct) await box.check();
      else if (question.type === 'multiple') await box.uncheck();
    }
  }
  await learner.getByRole('button', { name: 'Submit a new attempt' }).click();
  await learner.getByText('You passed this quiz.').waitFor();
  // The completion screen, with the certificate's serial and its public link.
  await learner.getByRole('heading', { name: 'Course completed' }).waitFor();
  await screenshot(learner, 'quiz-passed');

  // The certificate: PDF and verification link.
  await learner.goto('/certificates');
  await learner.getByRole('heading', { name: 'My certificates' }).waitFor();
  await screenshot(learner, 'certificates');
  const [download] = await Promise.all([learner.waitForEvent('download'), learner.getByRole('link', { name: 'Download the PDF' }).click()]);
  assert.match(download.suggestedFilename(), /^CTLP-\d{4}-\d{6}\.pdf$/);
  // Drawn by the API's PDF worker thread (the built app): a whole PDF, not an error page.
  const pdf = await readFile(await download.path());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-6).toString('latin1'), /%%EOF/);
  const verifyUrl = await learner.getByRole('link', { name: 'Open the verification page' }).getAttribute('href');
  assert.match(verifyUrl, new RegExp(`^${platform.baseUrl}/verify/[A-Za-z0-9_-]{24}$`));

  const anyone = await newPage(platform);
  await anyone.goto(verifyUrl);
  await anyone.getByText('This certificate is valid.').waitFor();
  await anyone.getByText('Nadia Rahman').waitFor();
  await anyone.getByText(course.title).waitFor();
  assert.equal(await anyone.getByText(email).count(), 0);
  await screenshot(anyone, 'verify');

  for (const page of [learner, focal, anyone]) assert.deepEqual(page.errors, []);
});

test('static files go out compressed, hashed assets cached for a year', async () => {
  const page = await newPage(platform);
  // The app's shell (a public page rendered for a visitor names only its small script instead).
  const html = await (await page.request.get('/login')).text();
  const script = html.match(/src="(\/assets\/index-[^"]+\.js)"/)[1];
  const response = await page.request.get(script, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(response.headers()['content-encoding'], 'br');
  assert.match(response.headers()['cache-control'], /max-age=31536000.*immutable/);
  const gzip = await page.request.get(script, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gzip.headers()['content-encoding'], 'gzip');
});
