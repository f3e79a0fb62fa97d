// Order and paths against the real API: a sequential course shows its later lessons locked, with
// the lesson to do first; a learning path shows the learner's progress in the catalog, on its page
// and in My learning.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

async function userId(email) {
  return (await platform.db.query('SELECT id FROM users WHERE email = $1', [email])).rows[0].id;
}

test('a learner sees the lessons of a sequential course locked until the one before is done', async () => {
  const slug = 'international-legal-framework';
  const [course] = (await platform.db.query('UPDATE courses SET sequential = true WHERE slug = $1 RETURNING id', [slug])).rows;
  const email = await createAccount(platform);
  await platform.db.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'self')`, [
    course.id,
    await userId(email),
  ]);
  const [first, second] = (
    await platform.db.query(
      `SELECT l.id, l.title FROM lessons l JOIN course_modules m ON m.id = l.module_id
        WHERE l.course_id = $1 AND l.required ORDER BY m.position, m.id, l.position, l.id LIMIT 2`,
      [course.id],
    )
  ).rows;
  const page = await newPage(platform);
  await logIn(page, email);
  await page.goto(`/courses/${slug}`);
  const outline = page.locator('.outline');
  await outline.getByRole('link', { name: first.title }).waitFor();
  // The second required lesson is text with its reason, not a link.
  assert.equal(await outline.getByRole('link', { name: second.title }).count(), 0);
  assert.equal(await outline.getByText(`locked: complete “${first.title}” first`).first().isVisible(), true);
  await screenshot(page, 'sequential-course-locked');

  // Opening the locked lesson by its address says what to do first.
  await page.goto(`/courses/${slug}/lessons/${second.id}`);
  await page.getByText(`This course is taken in order: complete “${first.title}” first.`).waitFor();
  assert.deepEqual(page.errors, []);
  await platform.db.query('UPDATE courses SET sequential = false WHERE id = $1', [course.id]);
});

test('a learner sees a learning path with their progress in the catalog, on its page and in My learning', async () => {
  const courses = (
    await platform.db.query(
      `SELECT id, title FROM courses WHERE slug IN ('international-legal-framework', 'human-rights-investigations') ORDER BY slug DESC`,
    )
  ).rows;
  const owner = await userId(await createAccount(platform, { roles: ['trainer'] }));
  const [path] = (
    await platform.db.query(
      `INSERT INTO learning_paths (slug, title, summary, language, status, owner_id, published_at)
       VALUES ('investigating-terrorism', 'Investigating terrorism', 'From the law to the investigation', 'en', 'published', $1, now())
       RETURNING id`,
      [owner],
    )
  ).rows;
  await platform.db.query(
    `INSERT INTO learning_path_courses (path_id, course_id, position) SELECT $1, x.id, x.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY x (id, n)`,
    [path.id, courses.map((c) => c.id)],
  );
  const email = await createAccount(platform);
  await platform.db.query(
    `INSERT INTO enrolments (course_id, user_id, status, source, completed_at) VALUES ($1, $2, 'completed', 'self', now())`,
    [courses[0].id, await userId(email)],
  );
  const page = await newPage(platform, { bypassCSP: true });
  await logIn(page, email);

  await page.goto('/courses');
  const section = page.getByRole('region', { name: 'Learning paths' });
  await section.getByRole('link', { name: 'Investigating terrorism' }).click();
  await page.waitForURL(/\/paths\/investigating-terrorism$/);
  await page.getByText('Courses completed: 1 of 2').waitFor();
  assert.equal(await page.getByRole('progressbar', { name: 'Your progress along the path' }).getAttribute('value'), '50');
  const steps = page.locator('.path-steps > li');
  assert.equal(await steps.count(), 2);
  assert.match(await steps.nth(0).innerText(), /completed/);
  // The second course is one click away.
  const enrolled = page.waitForResponse((response) => response.url().endsWith(`/api/courses/${courses[1].id}/enrolments`));
  await steps
    .nth(1)
    .getByRole('button', { name: /Enrol in this course/ })
    .click();
  assert.equal((await enrolled).status(), 201);
  await steps.nth(1).getByText('in progress').waitFor();
  await screenshot(page, 'learning-path-progress');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto('/learning');
  const mine = page.getByRole('region', { name: 'My learning paths' });
  await mine.getByRole('link', { name: 'Investigating terrorism' }).waitFor();
  await mine.getByText('Courses completed: 1 of 2').waitFor();
  assert.deepEqual(page.errors, []);
});

test('a trainer authors a learning path: courses added, reordered and published, then shown in the catalog', async () => {
  const page = await newPage(platform);
  await logIn(page, await createAccount(platform, { roles: ['trainer'] }));
  await page.goto('/teach');
  const paths = page.getByRole('region', { name: 'Learning paths' });
  await paths.getByLabel('Title').fill('From law to court');
  await paths.getByRole('button', { name: 'Create the path' }).click();
  await page.waitForURL(/\/teach\/paths\//);
  await page.getByRole('heading', { level: 1, name: 'From law to court' }).waitFor();

  const courses = page.getByRole('form', { name: 'Courses' });
  for (const title of ['The International Legal Framework against Terrorism', 'Human Rights in Counter-Terrorism Investigations']) {
    await courses.getByLabel('Course to add').selectOption({ label: title });
    const saved = page.waitForResponse((r) => r.url().endsWith('/courses') && r.request().method() === 'PUT');
    await courses.getByRole('button', { name: 'Add', exact: true }).click();
    assert.equal((await saved).status(), 200);
  }
  const moved = page.waitForResponse((r) => r.url().endsWith('/courses') && r.request().method() === 'PUT');
  await courses.getByRole('button', { name: 'Move up Human Rights in Counter-Terrorism Investigations' }).click();
  assert.equal((await moved).status(), 200);
  const items = courses.locator('ol > li');
  await items.first().locator('bdi', { hasText: 'Human Rights' }).waitFor();
  assert.deepEqual(await items.locator('bdi').allInnerTexts(), [
    'Human Rights in Counter-Terrorism Investigations',
    'The International Legal Framework against Terrorism',
  ]);

  const published = page.waitForResponse((r) => r.url().endsWith('/publish'));
  await page.getByRole('button', { name: 'Publish' }).click();
  assert.equal((await published).status(), 200);
  await page.getByText('Published: everyone sees this path in the catalog.').waitFor();

  await page.goto('/courses');
  await page.getByRole('region', { name: 'Learning paths' }).getByRole('link', { name: 'From law to court' }).click();
  const steps = page.locator('.path-steps > li h3');
  await steps.first().waitFor();
  assert.deepEqual(await steps.allInnerTexts(), [
    'Human Rights in Counter-Terrorism Investigations',
    'The International Legal Framework against Terrorism',
  ]);
  assert.deepEqual(page.errors, []);
});
