// A learner's pages against the real API: a video lesson whose player cannot load, the catalog's filters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

test('a video lesson whose player is blocked still offers the video on its site and shows the transcript', async () => {
  const videoUrl = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
  const [course] = (await platform.db.query(`SELECT id FROM courses WHERE slug = 'international-legal-framework'`)).rows;
  const [lesson] = (
    await platform.db.query(
      `INSERT INTO lessons (module_id, course_id, title, kind, position, video_url, transcript)
       SELECT m.id, m.course_id, 'Interview with a prosecutor', 'video',
              (SELECT coalesce(max(position), 0) + 1 FROM lessons WHERE module_id = m.id), $2,
              'The prosecutor explains how the definition of terrorism shapes each indictment.'
         FROM course_modules m WHERE m.course_id = $1 ORDER BY m.position LIMIT 1
       RETURNING id`,
      [course.id, videoUrl],
    )
  ).rows;
  const page = await newPage(platform);
  // The office network blocks the player: its frame never loads.
  await page.context().route(/youtube-nocookie\.com/, (route) => route.abort('blockedbyclient'));
  await logIn(page, await createAccount(platform));
  await page.goto('/courses/international-legal-framework');
  await page.getByRole('button', { name: 'Enrol' }).click();
  await page.waitForURL(/\/lessons\//);
  await page.goto(`/courses/international-legal-framework/lessons/${lesson.id}`);
  await page.getByRole('heading', { name: 'Interview with a prosecutor' }).waitFor();

  const out = page.getByRole('link', { name: 'Watch on YouTube' });
  assert.equal(await out.getAttribute('href'), videoUrl);
  assert.equal(await out.isVisible(), true);
  assert.equal(await page.getByText('The prosecutor explains how the definition').isVisible(), true);
  await screenshot(page, 'lesson-video-blocked');
});

test("the catalog's filters line up: labels on one line, controls on the next, the hint under its control", async () => {
  const page = await newPage(platform);
  await page.goto('/courses');
  const labels = ['Search courses', 'Topic', 'Language of the course'];
  const tops = [];
  for (const name of labels) tops.push(Math.round((await page.locator('label', { hasText: name }).boundingBox()).y));
  assert.deepEqual(tops, [tops[0], tops[0], tops[0]]);
  const controls = [];
  for (const name of labels) controls.push(Math.round((await page.getByLabel(name, { exact: true }).boundingBox()).y));
  assert.deepEqual(controls, [controls[0], controls[0], controls[0]]);
});
