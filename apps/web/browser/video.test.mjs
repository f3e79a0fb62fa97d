// Video for slow links: a trainer uploads a lesson's own video in three renditions through the
// editor; a learner picks one (sizes shown), the player fetches it in ranges, and data saver starts
// light, opens the transcript and keeps YouTube's player out until asked. Fixtures: 3-second WebM
// and Ogg files made with ffmpeg (testsrc and a sine), checked in so CI needs no ffmpeg.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const fixture = (name) => readFileSync(path.join(FIXTURES, name));
const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const TRANSCRIPT = 'The prosecutor explains how a request for mutual legal assistance is drafted.';

let platform;
let course;
let uploadedLessonId;
let youtubeLessonId;
let learnerEmail;

before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** POSTs as the signed-in user of `page`, as the web app would (same origin). */
async function post(page, url, data) {
  const response = await page.request.post(url, { headers: { origin: platform.baseUrl }, data });
  assert.ok(response.ok(), `${url}: ${response.status()} ${await response.text()}`);
  return response.json();
}

test('a trainer uploads the standard, low-data and audio renditions of a video lesson from the editor', async () => {
  const page = await newPage(platform);
  await logIn(page, await createAccount(platform, { roles: ['trainer'], fullName: 'Video Trainer' }));
  course = await post(page, '/api/courses', { title: 'Mutual legal assistance on film', enrolmentPolicy: 'open' });
  const module = await post(page, `/api/courses/${course.id}/modules`, { title: 'Requests' });
  const youtube = await post(page, `/api/modules/${module.id}/lessons`, {
    title: 'The same talk on YouTube',
    kind: 'video',
    videoUrl: YOUTUBE,
    transcript: TRANSCRIPT,
  });
  youtubeLessonId = youtube.id;
  await page.goto(`/teach/${course.id}`);

  await page.getByRole('button', { name: 'Add a lesson to Requests', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a lesson to Requests' });
  await dialog.getByLabel('Title', { exact: true }).fill('Drafting a request');
  await dialog.getByLabel('Kind', { exact: true }).selectOption('video');
  await dialog.getByRole('radio', { name: 'Uploaded here (video files)' }).check();
  await dialog.getByText('You upload the video files once the lesson is added').waitFor();
  await dialog.getByLabel('Transcript', { exact: true }).fill(TRANSCRIPT);
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();

  // The dialog stays open on the new lesson, for its files.
  const edit = page.getByRole('dialog', { name: 'Edit: Drafting a request' });
  const renditions = [
    ['Standard video', 'lesson-standard.webm', 'video/webm'],
    ['Low-data video', 'lesson-low.webm', 'video/webm'],
    ['Audio only', 'lesson-audio.ogg', 'audio/ogg'],
  ];
  for (const [name, file, mimeType] of renditions) {
    await edit.getByLabel(`${name}: file`, { exact: true }).setInputFiles({ name: file, mimeType, buffer: fixture(file) });
    const answered = page.waitForResponse((r) => r.url().includes('/video?rendition=') && r.request().method() === 'POST');
    await edit.getByRole('button', { name: `Upload: ${name}`, exact: true }).click();
    assert.equal((await answered).status(), 200);
    await edit.getByText(`${name}: uploaded.`).waitFor();
    await edit.getByRole('button', { name: `Replace: ${name}`, exact: true }).waitFor();
  }
  await edit.getByText('Current file: lesson-low.webm').waitFor();

  // Remove, then put back: the low rendition.
  await edit.getByRole('button', { name: 'Remove: Low-data video', exact: true }).click();
  await edit.getByText('Low-data video: removed.').waitFor();
  await edit.getByLabel('Low-data video: file', { exact: true }).setInputFiles({
    name: 'lesson-low.webm',
    mimeType: 'video/webm',
    buffer: fixture('lesson-low.webm'),
  });
  await edit.getByRole('button', { name: 'Upload: Low-data video', exact: true }).click();
  await edit.getByText('Low-data video: uploaded.').waitFor();

  const lessons = (await (await page.request.get(`/api/courses/${course.id}`)).json()).modules[0].lessons;
  uploadedLessonId = lessons.find((lesson) => lesson.title === 'Drafting a request').id;
  const lesson = await (await page.request.get(`/api/lessons/${uploadedLessonId}`)).json();
  assert.deepEqual(
    Object.fromEntries(Object.entries(lesson.video).map(([r, f]) => [r, f.size])),
    Object.fromEntries(renditions.map(([, file], i) => [['standard', 'low', 'audio'][i], fixture(file).length])),
  );
  assert.equal(lesson.videoUrl, null);
  await post(page, `/api/courses/${course.id}/publish`, {});
  assert.deepEqual(page.errors, []);
});

test('a learner picks the quality, sizes in view, and the player fetches the file in ranges', async () => {
  assert.ok(uploadedLessonId, 'the first test made the lesson');
  const page = await newPage(platform, { bypassCSP: true });
  learnerEmail = await createAccount(platform);
  await logIn(page, learnerEmail);
  await post(page, `/api/courses/${course.id}/enrolments`, {});
  // The player may ask for the file's head as soon as it is on the page (preload="metadata").
  const fetched = [];
  page.on('request', (r) => {
    if (r.url().includes(`/api/lessons/${uploadedLessonId}/video?rendition=standard`)) fetched.push(r);
  });
  await page.goto(`/courses/${course.id}/lessons/${uploadedLessonId}`);
  await page.getByRole('heading', { name: 'Drafting a request' }).waitFor();

  const quality = page.getByRole('group', { name: 'Quality' });
  const standard = quality.getByRole('radio', { name: /^Standard · \d+ kB$/ });
  assert.equal(await standard.isChecked(), true, 'standard by default without data saver');
  assert.match(await quality.getByRole('radio', { name: /^Low data · / }).getAttribute('value'), /low/);
  await quality.getByRole('radio', { name: /^Audio only · \d kB$/ }).waitFor();
  const video = page.locator('video');
  assert.equal(await video.getAttribute('preload'), 'metadata');
  assert.match(await video.getAttribute('src'), /rendition=standard$/);
  // The player is the video; the transcript waits folded.
  assert.equal(await page.locator('details', { hasText: 'Transcript' }).evaluate((d) => d.open), false);
  assert.deepEqual(await axeViolations(page), []);

  // Playing asks for the file in ranges, and gets parts of it.
  await video.evaluate((v) => {
    v.muted = true;
    return v.play().catch(() => undefined);
  });
  await page.waitForFunction(() => document.querySelector('video').readyState >= 1);
  assert.ok((await video.evaluate((v) => v.duration)) > 2, 'the browser decoded the fixture');
  assert.ok(fetched.length > 0, 'the player fetched the file');
  const range = (await fetched[0].allHeaders()).range;
  assert.match(range ?? '', /^bytes=\d+-\d*$/, `the player sent Range: ${range}`);
  const response = await fetched[0].response();
  assert.equal(response.status(), 206);
  assert.match((await response.allHeaders())['content-range'], /^bytes \d+-\d+\/\d+$/);
  await screenshot(page, 'video-lesson-standard');

  // Audio only: an audio player on the audio file.
  await quality.getByRole('radio', { name: /^Audio only/ }).check();
  const audio = page.getByLabel('Sound of the video: Drafting a request');
  await audio.waitFor();
  assert.match(await audio.getAttribute('src'), /rendition=audio$/);
  assert.equal(await page.locator('video').count(), 0);
  // Low data: the video again, on the lighter file.
  await quality.getByRole('radio', { name: /^Low data/ }).check();
  await page.locator('video[src$="rendition=low"]').waitFor();
  assert.deepEqual(page.errors, []);
});

test('data saver starts on low data, opens the transcript and loads YouTube only when asked; remembered on the device', async () => {
  assert.ok(learnerEmail, 'the learner of the previous test');
  const page = await newPage(platform, { bypassCSP: true });
  const youtubeRequests = [];
  let reachedYouTube;
  const youtubeReached = new Promise((resolve) => (reachedYouTube = resolve));
  await page.context().route(/youtube(-nocookie)?\.com/, (route) => {
    youtubeRequests.push(route.request().url());
    reachedYouTube();
    return route.abort('blockedbyclient');
  });
  await logIn(page, learnerEmail);
  await page.goto(`/courses/${course.id}/lessons/${uploadedLessonId}`);
  const saver = page.getByRole('checkbox', { name: 'Data saver' });
  assert.equal(await saver.isChecked(), false);
  // By keyboard, as anyone may.
  await saver.focus();
  await page.keyboard.press('Space');
  assert.equal(await saver.isChecked(), true);

  const quality = page.getByRole('group', { name: 'Quality' });
  assert.equal(await quality.getByRole('radio', { name: /^Low data/ }).isChecked(), true);
  const video = page.locator('video');
  assert.equal(await video.getAttribute('preload'), 'none');
  assert.match(await video.getAttribute('src'), /rendition=low$/);
  assert.equal(await page.locator('details', { hasText: 'Transcript' }).evaluate((d) => d.open), true);
  assert.equal(await page.getByText(TRANSCRIPT).isVisible(), true);

  // The YouTube lesson: no player (nor a byte from YouTube) until asked; the link out is always there.
  await page.goto(`/courses/${course.id}/lessons/${youtubeLessonId}`);
  await page.getByRole('heading', { name: 'The same talk on YouTube' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Data saver' }).isChecked(), true, 'remembered');
  const load = page.getByRole('button', { name: 'Load the YouTube player' });
  await load.waitFor();
  assert.equal(await page.locator('iframe').count(), 0);
  const out = page.getByRole('link', { name: 'Watch on YouTube' });
  assert.equal(await out.getAttribute('href'), YOUTUBE);
  assert.equal(await page.locator('details', { hasText: 'Transcript' }).evaluate((d) => d.open), true);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'video-lesson-data-saver');
  assert.deepEqual(youtubeRequests, []);

  await load.click();
  await page.locator('iframe[title="The same talk on YouTube"]').waitFor();
  // The route handler, not the page's request event: the event may come before the handler has run.
  await youtubeReached;
  assert.match(youtubeRequests[0], /youtube-nocookie\.com\/embed\//);
});

test("data saver is on by default when the browser asks to save data, and the learner's choice wins over it", async () => {
  const page = await newPage(platform);
  await page.context().addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true }) });
  });
  await logIn(page, learnerEmail);
  await page.goto(`/courses/${course.id}/lessons/${uploadedLessonId}`);
  const saver = page.getByRole('checkbox', { name: 'Data saver' });
  await saver.waitFor();
  assert.equal(await saver.isChecked(), true);
  assert.match(await page.locator('video').getAttribute('src'), /rendition=low$/);
  await saver.uncheck();
  await page.reload();
  await page.getByRole('checkbox', { name: 'Data saver' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Data saver' }).isChecked(), false);
  assert.match(await page.locator('video').getAttribute('src'), /rendition=standard$/);
});
