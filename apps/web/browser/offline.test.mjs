// Offline: a learner saves a course, reads it with no network, completes lessons and answers its
// quiz offline; back online the queue is sent once (Idempotency-Key) and the sync page says so.
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const SLUG = 'international-legal-framework';
let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** A new learner signed in on `page`, enrolled in the course, with the service worker active and controlling the page. */
async function enrolledLearner(page) {
  const email = await createAccount(platform);
  await logIn(page, email);
  await page.goto(`/courses/${SLUG}`);
  await page.getByRole('button', { name: 'Enrol' }).click();
  await page.waitForURL(/\/lessons\//);
  await workerInControl(page);
  return email;
}

/** The service worker registers after load and takes the page over (clientsClaim); precaching done, it is active. */
async function workerInControl(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
}

async function lessonIds() {
  const { rows } = await platform.db.query(
    `SELECT l.id, l.title, l.kind FROM lessons l JOIN courses c ON c.id = l.course_id JOIN course_modules m ON m.id = l.module_id
      WHERE c.slug = $1 ORDER BY m.position, l.position`,
    [SLUG],
  );
  return rows;
}

test('a course saved for offline opens without a network, and what is done offline is sent once when the link returns', async () => {
  const page = await newPage(platform);
  const context = page.context();
  const email = await enrolledLearner(page);

  // Installable: the manifest and the worker, with their types, checked on every visit.
  const manifest = await page.request.get('/manifest.webmanifest');
  assert.match(manifest.headers()['content-type'], /^application\/manifest\+json/);
  assert.equal(manifest.headers()['cache-control'], 'no-cache');
  const { icons, start_url: startUrl, display } = await manifest.json();
  assert.deepEqual([startUrl, display], ['/', 'standalone']);
  for (const icon of icons) {
    const png = await page.request.get(icon.src);
    assert.equal(png.headers()['content-type'], 'image/png', icon.src);
  }
  assert.ok(icons.some((icon) => icon.purpose === 'maskable'));
  const worker = await page.request.get('/sw.js');
  assert.match(worker.headers()['content-type'], /javascript/);
  assert.equal(worker.headers()['cache-control'], 'no-cache');

  await page.goto(`/courses/${SLUG}`);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  const saved = page.getByText(/^[\d.,]+\s*(kB|MB) saved for offline$/);
  await saved.waitFor({ timeout: 30_000 });
  await screenshot(page, 'offline-saved');

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'The international legal framework against terrorism' }).waitFor();
  await page.getByText('You are offline').waitFor();

  const lessons = await lessonIds();
  const [first, second] = lessons.filter((l) => l.kind === 'text');
  const quizLesson = lessons.find((l) => l.kind === 'quiz');
  for (const lesson of [first, second]) {
    await page.goto(`/courses/${SLUG}/lessons/${lesson.id}`);
    await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
    await page.getByRole('button', { name: 'Mark as complete' }).click();
    await page.getByText('Done — waiting to send').waitFor();
  }
  await page.getByRole('link', { name: 'Waiting to send: 2' }).waitFor();

  // The quiz was drawn when the course was saved: answered offline, graded when sent.
  const quiz = demoCourse(SLUG)
    .modules.flatMap((m) => m.lessons)
    .find((l) => l.quiz).quiz;
  await page.goto(`/courses/${SLUG}/lessons/${quizLesson.id}`);
  await page.getByRole('heading', { level: 1, name: quizLesson.title }).waitFor();
  for (const question of quiz.questions)
    for (const option of question.options) if (option.correct) await page.getByLabel(option.text, { exact: true }).check();
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await page.getByText('Your answers are kept on this device').waitFor();
  await page.getByRole('link', { name: 'Waiting to send: 3' }).waitFor();
  await screenshot(page, 'offline-waiting');
  const { rows: before } = await platform.db.query(
    `SELECT count(*)::int AS n FROM lesson_progress p JOIN enrolments e ON e.id = p.enrolment_id JOIN users u ON u.id = e.user_id WHERE u.email = $1`,
    [email],
  );
  assert.equal(before[0].n, 0);

  await context.setOffline(false);
  await page.getByRole('link', { name: /Waiting to send/ }).waitFor({ state: 'detached', timeout: 30_000 });
  await page.goto('/sync');
  await page.getByRole('heading', { level: 1, name: 'Offline sync' }).waitFor();
  await page.getByText('Nothing is waiting to send.').waitFor();
  assert.equal(await page.locator('.sync-sent').count(), 3);
  await page.getByText(/Score: 100%/).waitFor();
  await screenshot(page, 'offline-sync');

  const { rows } = await platform.db.query(
    `SELECT p.lesson_id AS "lessonId", count(*)::int AS n
       FROM lesson_progress p JOIN enrolments e ON e.id = p.enrolment_id JOIN users u ON u.id = e.user_id
      WHERE u.email = $1 GROUP BY p.lesson_id`,
    [email],
  );
  const progress = Object.fromEntries(rows.map((r) => [r.lessonId, r.n]));
  assert.equal(progress[first.id], 1);
  assert.equal(progress[second.id], 1);
  assert.equal(progress[quizLesson.id], 1, 'the quiz, passed, is done');
  const { rows: attempts } = await platform.db.query(
    `SELECT a.score::float AS score, a.passed FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id JOIN users u ON u.id = e.user_id
      WHERE u.email = $1`,
    [email],
  );
  assert.deepEqual(attempts, [{ score: 100, passed: true }]);
  const { rows: keys } = await platform.db.query(
    `SELECT count(*)::int AS n FROM idempotency_keys k JOIN users u ON u.id = k.user_id WHERE u.email = $1`,
    [email],
  );
  assert.equal(keys[0].n, 3);

  // Signing out forgets the saved course and the queue on this device.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login/);
  assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('ctlp-offline:'))), []);
  assert.deepEqual(page.errors, []);
});

test('a write the platform refuses when it is sent is marked not recorded, with the reason in the interface language, and not sent again', async () => {
  // bypassCSP: only to inject axe-core.
  const page = await newPage(platform, { bypassCSP: true });
  const context = page.context();
  const email = await enrolledLearner(page);
  const [lesson] = (await lessonIds()).filter((l) => l.kind === 'text');
  await page.goto(`/courses/${SLUG}/lessons/${lesson.id}`);
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await page.getByText('Done — waiting to send').waitFor();
  // Meanwhile the learner's enrolment ends: the completion will be refused (404).
  await platform.db.query(`UPDATE enrolments SET status = 'rejected' WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
  await page.getByRole('link', { name: 'Waiting to send: 1' }).click();
  await page.getByRole('heading', { level: 1, name: 'Offline sync' }).waitFor();
  await page.getByRole('button', { name: 'Send now' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const sent = page.waitForResponse((r) => r.url().endsWith(`/api/lessons/${lesson.id}/complete`));
  await context.setOffline(false);
  assert.equal((await sent).status(), 404);
  await page.locator('.sync-failed').waitFor();
  assert.match(await page.locator('.sync-failed').innerText(), /Not recorded/);
  await page.getByText('Nothing is waiting to send.').waitFor();
  // Not sent again: a reload (which sends the queue at start) sends nothing.
  let again = 0;
  page.on('request', (r) => r.url().endsWith('/complete') && again++);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Offline sync' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(again, 0);
  const { rows } = await platform.db.query(
    `SELECT count(*)::int AS n FROM lesson_progress p JOIN enrolments e ON e.id = p.enrolment_id JOIN users u ON u.id = e.user_id WHERE u.email = $1`,
    [email],
  );
  assert.equal(rows[0].n, 0);
});

test('a new version deployed while a learner answers a quiz never reloads the page under them: it loads at their next navigation', async () => {
  const page = await newPage(platform);
  await enrolledLearner(page);

  const quizLesson = (await lessonIds()).find((l) => l.kind === 'quiz');
  const quiz = demoCourse(SLUG)
    .modules.flatMap((m) => m.lessons)
    .find((l) => l.quiz).quiz;
  await page.goto(`/courses/${SLUG}/lessons/${quizLesson.id}`);
  await page.getByRole('heading', { level: 1, name: quizLesson.title }).waitFor();
  const answer = page.getByLabel(quiz.questions[0].options.find((o) => o.correct).text, { exact: true });
  await answer.check();
  await page.evaluate(() => {
    window.__samePage = true;
    navigator.serviceWorker.addEventListener('controllerchange', () => (window.__newWorker = true));
  });

  // The deployment: a changed worker script (sent uncompressed while its .br/.gz are set aside).
  const dist = path.resolve(import.meta.dirname, '../dist');
  const worker = path.join(dist, 'sw.js');
  const original = readFileSync(worker);
  for (const suffix of ['.br', '.gz']) renameSync(worker + suffix, `${worker + suffix}.kept`);
  try {
    writeFileSync(worker, Buffer.concat([original, Buffer.from(`\n// deployed ${Date.now()}\n`)]));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForFunction(() => window.__newWorker === true, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page was reloaded under the learner');
    assert.equal(await answer.isChecked(), true);

    // The next navigation is a whole new page, from the new version.
    await page.getByRole('link', { name: 'My learning' }).click();
    await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    assert.equal(await page.evaluate(() => window.__samePage), undefined);
    assert.deepEqual(page.errors, []);
  } finally {
    writeFileSync(worker, original);
    for (const suffix of ['.br', '.gz']) renameSync(`${worker + suffix}.kept`, worker + suffix);
  }
});

test('with nothing saved, a signed-in page that cannot reach the platform says so instead of asking to sign in, and comes back', async () => {
  const page = await newPage(platform);
  const context = page.context();
  await logIn(page, await createAccount(platform));
  await page.goto('/learning');
  await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
  await workerInControl(page);

  // Offline: the worker serves the shell, and who is signed in cannot be asked.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'The platform cannot be reached' }).waitFor({ timeout: 20_000 });
  assert.match(page.url(), /\/learning$/, 'not sent to sign in');
  // The connection returns: the page comes back by itself.
  await context.setOffline(false);
  await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor({ timeout: 20_000 });

  // The platform answers 503 (down for maintenance): the same page, and Try again.
  await page.route('**/api/auth/current', (route) => route.fulfill({ status: 503, body: '' }));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'The platform cannot be reached' }).waitFor({ timeout: 20_000 });
  await page.unroute('**/api/auth/current');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
  assert.match(page.url(), /\/learning$/);
  assert.deepEqual(page.errors, []);
});
