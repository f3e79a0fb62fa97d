import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** A trainer signed in, with a course of their own made through the API: `modules` maps titles to lesson titles (text lessons). */
async function courseWith(page, title, modules = {}) {
  const email = await createAccount(platform, { roles: ['trainer'], fullName: 'Editor Trainer' });
  await logIn(page, email);
  const headers = { origin: platform.baseUrl };
  const post = async (url, data) => {
    const response = await page.request.post(url, { headers, data });
    assert.ok(response.ok(), `${url}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  const course = await post('/api/courses', { title });
  for (const [moduleTitle, lessons] of Object.entries(modules)) {
    const module = await post(`/api/courses/${course.id}/modules`, { title: moduleTitle });
    for (const lesson of lessons) await post(`/api/modules/${module.id}/lessons`, { title: lesson, kind: 'text' });
  }
  await page.goto(`/teach/${course.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return course;
}

/** The lesson titles of each module, in the order the editor shows them. */
const outline = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol.structure > li.module')].map((module) => [
      module.querySelector('.module-toggle')?.textContent.trim(),
      [...module.querySelectorAll('.lesson-title')].map((title) => title.textContent),
    ]),
  );

const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the demo course fits in a short page: one line and one button per lesson, the rest in a menu; axe-clean; no sideways scroll on a phone', async () => {
  const page = await newPage(platform, { viewport: { width: 1366, height: 768 }, bypassCSP: true });
  // The demo trainer reads French: the course is handed to a trainer who reads English.
  await logIn(page, await createAccount(platform, { roles: ['trainer'], fullName: 'Demo Owner' }));
  await platform.db.query(`UPDATE courses SET owner_id = (SELECT id FROM users WHERE full_name = 'Demo Owner') WHERE slug = $1`, [
    'international-legal-framework',
  ]);
  const course = await (await page.request.get('/api/courses/international-legal-framework')).json();
  await page.goto(`/teach/${course.id}`);
  await page.getByRole('heading', { name: 'Modules and lessons' }).waitFor();
  const lessons = course.modules.flatMap((module) => module.lessons);
  await page.getByRole('button', { name: `Edit ${lessons[0].title}`, exact: true }).waitFor();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`# editor page height at 1366×768 for the demo course: ${height}px`);
  // Before: 3,908 px, with four buttons and a select on every lesson.
  assert.ok(height < 2900, `the page is ${height}px tall`);
  const rows = page.locator('li.lesson-row');
  assert.equal(await rows.count(), lessons.length);
  // One action on show (Edit), the others behind the row's menu button.
  for (let i = 0; i < lessons.length; i++) {
    const buttons = rows.nth(i).getByRole('button');
    assert.equal(await buttons.count(), 2);
    assert.equal(await buttons.nth(0).textContent(), `Edit ${lessons[i].title}`);
    assert.equal(await buttons.nth(1).getAttribute('aria-expanded'), 'false');
  }
  // Modules fold away.
  const first = page.getByRole('button', { name: course.modules[0].title, exact: true });
  await first.click();
  assert.equal(await first.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('button', { name: `Edit ${course.modules[0].lessons[0].title}`, exact: true }).isVisible(), false);
  await first.click();
  await page.getByRole('button', { name: `More actions for the lesson ${lessons[0].title}`, exact: true }).click();
  await page.getByRole('button', { name: 'Move down', exact: true }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'editor-compact');

  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await sideways(page), 0, 'no sideways scroll with a menu open');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: `Edit ${lessons[0].title}`, exact: true }).click();
  await page.getByRole('dialog').getByLabel('Lesson text').waitFor();
  assert.equal(await sideways(page), 0, 'no sideways scroll with the lesson dialog open');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'editor-dialog-phone');
  assert.deepEqual(page.errors, []);
});

test('the lesson dialog asks for each kind what it is made of; it traps the focus, closes with Escape and gives the focus back', async () => {
  const page = await newPage(platform);
  const course = await courseWith(page, 'Dialog course', { 'First module': [] });
  const add = page.getByRole('button', { name: 'Add a lesson to First module', exact: true });
  await add.click();
  const dialog = page.getByRole('dialog', { name: 'Add a lesson to First module' });
  await dialog.getByLabel('Title', { exact: true }).waitFor();
  assert.equal(await dialog.evaluate((element) => element.contains(document.activeElement)), true, 'the focus is in the dialog');
  // The page behind is inert: tabbing round never leaves the dialog.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await dialog.evaluate((element) => element.contains(document.activeElement)), true, `tab ${i + 1} stayed inside`);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await add.evaluate((button) => button === document.activeElement), true, 'the focus is back on Add a lesson');

  // Text: its Markdown.
  await add.click();
  await dialog.getByLabel('Title', { exact: true }).fill('Reading the conventions');
  assert.equal(await dialog.getByLabel('Video address').count(), 0);
  await dialog.getByLabel('Lesson text', { exact: true }).fill('## The conventions\n\nRead them **all**.');
  await dialog.getByLabel('Estimated time (minutes)').fill('12');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').getByText('Lesson “Reading the conventions” added.').waitFor();

  // Video: its address (refused from elsewhere, under the field) and its transcript.
  await add.click();
  await dialog.getByLabel('Title', { exact: true }).fill('A case on film');
  await dialog.getByLabel('Kind', { exact: true }).selectOption('video');
  assert.equal(await dialog.getByLabel('Lesson text').count(), 0);
  await dialog.getByLabel('Video address', { exact: true }).fill('https://evil.example/v.mp4');
  await dialog.getByLabel('Transcript', { exact: true }).fill('The officer opens the file.');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.getByText('Enter a secure (https) link to a YouTube or Vimeo video.').waitFor();
  await dialog.getByLabel('Video address', { exact: true }).fill('https://vimeo.com/76979871');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'detached' });

  // Quiz: its settings, then its questions.
  await add.click();
  await dialog.getByLabel('Title', { exact: true }).fill('Check yourself');
  await dialog.getByLabel('Kind', { exact: true }).selectOption('quiz');
  await dialog.getByLabel('Pass mark (%)').fill('80');
  await dialog.getByLabel('Question', { exact: true }).fill('Which convention came first?');
  await dialog.getByLabel('Option 1', { exact: true }).fill('1963 Tokyo Convention');
  await dialog.getByLabel('Option 2', { exact: true }).fill('2005 Nuclear Terrorism Convention');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'detached' });

  // A document: its introduction; the dialog stays open to attach the file.
  await add.click();
  await dialog.getByLabel('Title', { exact: true }).fill('The full text');
  await dialog.getByLabel('Kind', { exact: true }).selectOption('resource');
  await dialog.getByLabel('Introduction to the file', { exact: true }).fill('The text as adopted.');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit: The full text' });
  await editDialog
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'text.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await editDialog.getByRole('button', { name: 'Upload the file' }).click();
  await editDialog.getByText('The file has been uploaded.').waitFor();
  await editDialog.getByRole('button', { name: 'Close', exact: true }).click();
  await editDialog.waitFor({ state: 'detached' });

  await page.reload();
  await page.getByRole('button', { name: 'Edit The full text', exact: true }).waitFor();
  assert.deepEqual(await page.locator('li.lesson-row .lesson-facts').allTextContents(), [
    'Reading · 12 minutes',
    'Video',
    'Quiz',
    'Document',
  ]);
  // Each kept what the dialog asked for.
  await page.getByRole('button', { name: 'Edit A case on film', exact: true }).click();
  const video = page.getByRole('dialog', { name: 'Edit: A case on film' });
  assert.equal(await video.getByLabel('Video address', { exact: true }).inputValue(), 'https://vimeo.com/76979871');
  assert.equal(await video.getByLabel('Transcript', { exact: true }).inputValue(), 'The officer opens the file.');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Edit Check yourself', exact: true }).click();
  const quiz = page.getByRole('dialog', { name: 'Edit: Check yourself' });
  assert.equal(await quiz.getByLabel('Pass mark (%)').inputValue(), '80');
  assert.equal(await quiz.getByLabel('Question', { exact: true }).inputValue(), 'Which convention came first?');
  // A quiz is saved whole with its button; saving it twice keeps its questions (and their ids).
  const questionIds = async () => {
    const outlineNow = await (await page.request.get(`/api/courses/${course.id}`)).json();
    const id = outlineNow.modules[0].lessons.find((lesson) => lesson.title === 'Check yourself').id;
    return (await (await page.request.get(`/api/lessons/${id}`)).json()).quiz.questions.map((question) => question.id);
  };
  const before = await questionIds();
  await quiz.getByRole('button', { name: 'Add a question' }).click();
  await quiz.getByLabel('Question', { exact: true }).nth(1).fill('Which body adopted the 1999 Convention?');
  await quiz.getByLabel('Option 1', { exact: true }).nth(1).fill('The General Assembly');
  await quiz.getByLabel('Option 2', { exact: true }).nth(1).fill('The Security Council');
  await quiz.getByRole('button', { name: 'Save the quiz' }).click();
  await quiz.getByText('The quiz is saved.').waitFor();
  const saved = await questionIds();
  assert.equal(saved.length, 2);
  assert.equal(saved[0], before[0]);
  await quiz.getByLabel('Question', { exact: true }).nth(1).fill('Which UN body adopted the 1999 Convention?');
  await quiz.getByRole('button', { name: 'Save the quiz' }).click();
  await quiz.getByText('The quiz is saved.').waitFor();
  assert.deepEqual(await questionIds(), saved);
  await page.keyboard.press('Escape');
  assert.deepEqual(page.errors, []);
});

test('lessons and modules are reordered from the keyboard and by dragging; a refused move goes back with the reason', async () => {
  const page = await newPage(platform);
  await courseWith(page, 'Reorder course', { Alpha: ['A1', 'A2', 'A3'], Beta: ['B1'] });
  assert.deepEqual(await outline(page), [
    ['Alpha', ['A1', 'A2', 'A3']],
    ['Beta', ['B1']],
  ]);

  // Keyboard only: the menu opens with Enter, Move down is a button in it.
  await page.getByRole('button', { name: 'More actions for the lesson A1', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Move down', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('“A1” is now lesson 2 of “Alpha”.').waitFor();
  assert.deepEqual((await outline(page))[0], ['Alpha', ['A2', 'A1', 'A3']]);
  // The focus goes back to the menu's button, so the next move is one key away.
  assert.equal(
    await page.getByRole('button', { name: 'More actions for the lesson A1', exact: true }).evaluate((el) => el === document.activeElement),
    true,
  );
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Move to “Beta”', exact: true }).click();
  await page.getByRole('status').getByText('“A1” is now lesson 2 of “Beta”.').waitFor();
  await page.getByRole('button', { name: 'More actions for the module Beta', exact: true }).click();
  await page.getByRole('button', { name: 'Move up', exact: true }).click();
  await page.getByRole('status').getByText('“Beta” is now module 1.').waitFor();

  // Drag and drop: A3 onto A2's place.
  await page.locator('li.lesson-row', { hasText: 'A3' }).dragTo(page.locator('li.lesson-row', { hasText: 'A2' }));
  await page.getByRole('status').getByText('“A3” is now lesson 1 of “Alpha”.').waitFor();

  await page.reload();
  await page.getByRole('button', { name: 'Edit A3', exact: true }).waitFor();
  assert.deepEqual(await outline(page), [
    ['Beta', ['B1', 'A1']],
    ['Alpha', ['A3', 'A2']],
  ]);

  // The API refuses: the lesson goes back where it was and the reason is shown.
  await page.route('**/api/lessons/*', (route) =>
    route.request().method() === 'PATCH'
      ? route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ code: 'not_found', message: 'Not found' }) })
      : route.fallback(),
  );
  await page.getByRole('button', { name: 'More actions for the lesson B1', exact: true }).click();
  await page.getByRole('button', { name: 'Move down', exact: true }).click();
  await page
    .getByRole('status')
    .getByText(/^Not moved: /)
    .waitFor();
  assert.deepEqual(await outline(page), [
    ['Beta', ['B1', 'A1']],
    ['Alpha', ['A3', 'A2']],
  ]);
  assert.deepEqual(page.errors, []);
});

test('settings and lesson text save themselves a second after typing, say so, and are there after a reload; leaving with unsaved changes asks', async () => {
  const page = await newPage(platform);
  const course = await courseWith(page, 'Autosave course', { Only: ['Notes'] });
  const patches = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH') patches.push(request.url());
  });
  const settings = page.getByRole('form', { name: 'Settings' });
  const status = settings.locator('.save-status [role=status]');

  // Typed and typed back: nothing to save, nothing sent.
  await settings.getByLabel('Summary', { exact: true }).fill('x');
  await settings.getByLabel('Summary', { exact: true }).fill('');
  await page.waitForTimeout(1500);
  assert.deepEqual(patches, []);

  await settings.getByLabel('Summary', { exact: true }).fill('Everything about autosave.');
  await status.getByText('Changes not saved yet').waitFor();
  await status.getByText('All changes saved').waitFor();
  assert.equal(patches.length, 1);

  // A title the API refuses: not saved, the field says why, Retry is offered.
  await settings.getByLabel('Title', { exact: true }).fill('');
  await status.getByText('Not saved — check the fields marked below, then retry').waitFor();
  await settings.locator('.field-error').first().waitFor();
  await settings.getByRole('button', { name: 'Retry' }).waitFor();
  // Leaving now asks first; staying keeps the page.
  await page.getByRole('link', { name: 'My courses' }).first().click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await leave.getByRole('button', { name: 'Cancel' }).click();
  assert.match(page.url(), new RegExp(`/teach/${course.id}$`));
  await settings.getByLabel('Title', { exact: true }).fill('Autosave course, renamed');
  await status.getByText('All changes saved').waitFor();

  // The lesson dialog's text saves itself too.
  await page.getByRole('button', { name: 'Edit Notes', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit: Notes' });
  await dialog.getByLabel('Lesson text', { exact: true }).fill('Saved while typing.');
  await dialog.locator('.save-status [role=status]').getByText('All changes saved').waitFor();

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Editing: Autosave course, renamed' }).waitFor();
  assert.equal(await settings.getByLabel('Summary', { exact: true }).inputValue(), 'Everything about autosave.');
  await page.getByRole('button', { name: 'Edit Notes', exact: true }).click();
  assert.equal(await dialog.getByLabel('Lesson text', { exact: true }).inputValue(), 'Saved while typing.');
  assert.deepEqual(page.errors, []);
});

test('the publish checklist says what is missing, links to it, and Publish waits for it', async () => {
  const page = await newPage(platform, { bypassCSP: true });
  await courseWith(page, 'Checklist course');
  const checklist = page.getByRole('region', { name: 'Before you publish' });
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  await checklist.getByText('The course needs at least one lesson in a module.').waitFor();
  await checklist.getByText('No summary: the catalog card will be empty.').waitFor();
  assert.equal(await publish.isDisabled(), true);
  assert.deepEqual(await axeViolations(page), []);

  // The link goes to where it is fixed.
  await checklist.getByRole('link', { name: 'Add a module and a lesson' }).click();
  assert.match(page.url(), /#fix-modules$/);
  await page.getByLabel('Module title').fill('The only module');
  await page.getByRole('button', { name: 'Add a module' }).click();
  await checklist.getByText('A module has no lesson yet.').waitFor();
  assert.equal(await publish.isDisabled(), true);
  await page.getByRole('button', { name: 'Add a lesson to The only module', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title', { exact: true }).fill('The only lesson');
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'detached' });

  await checklist.getByText('Lessons: 1.').waitFor();
  await checklist.getByText('Every module has lessons.').waitFor();
  assert.equal(await publish.isDisabled(), false);
  await publish.click();
  await page.locator('.panel strong', { hasText: 'Published' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('deleting a lesson or a module from its menu asks first; Cancel keeps it, Delete removes it and says so', async () => {
  const page = await newPage(platform, { viewport: { width: 1366, height: 768 } });
  await courseWith(page, 'Deleting things', {
    'Module to keep': ['Lesson to keep', 'Lesson to delete'],
    'Module to delete': ['Its lesson'],
  });
  const dialog = page.getByRole('dialog');

  await page.getByRole('button', { name: 'More actions for the lesson Lesson to delete' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(await outline(page), [
    ['Module to keep', ['Lesson to keep', 'Lesson to delete']],
    ['Module to delete', ['Its lesson']],
  ]);

  await page.getByRole('button', { name: 'More actions for the lesson Lesson to delete' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('.toasts').getByText('Lesson “Lesson to delete” deleted.').waitFor();

  await page.getByRole('button', { name: 'More actions for the module Module to delete' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('.toasts').getByText('Module “Module to delete” deleted.').waitFor();
  assert.deepEqual(await outline(page), [['Module to keep', ['Lesson to keep']]]);
  assert.deepEqual(page.errors, []);
});
