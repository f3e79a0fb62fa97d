import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccount, demoCourse, logIn, newPage, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

test("a trainer adds a video lesson through the form, with its address, and changes another lesson's kind later", async () => {
  const page = await newPage(platform);
  await logIn(page, await createAccount(platform, { roles: ['trainer'], fullName: 'Vera Trainer' }));
  await page.goto('/teach');
  await page.getByRole('form', { name: 'New course' }).getByLabel('Title').fill('Financial investigations');
  await page.getByRole('button', { name: 'Create the course' }).click();
  await page.waitForURL(/\/teach\/[0-9a-f-]{36}$/);
  await page.getByLabel('Module title').fill('Following the money');
  await page.getByRole('button', { name: 'Add a module' }).click();
  await page.getByRole('button', { name: 'Following the money', exact: true }).waitFor();

  await page.getByRole('button', { name: 'Add a lesson to Following the money' }).click();
  const add = page.getByRole('dialog', { name: 'Add a lesson to Following the money' });
  await add.getByLabel('Title', { exact: true }).fill('Tracing a transfer');
  await add.getByLabel('Kind', { exact: true }).selectOption('video');
  // The address is asked for, with the hosts it may come from.
  await add.getByText('A YouTube or Vimeo page, starting with https://').waitFor();

  // A page from elsewhere is refused under the field itself, never an empty "see below".
  await add.getByLabel('Video address', { exact: true }).fill('https://evil.example/v.mp4');
  await add.getByRole('button', { name: 'Add the lesson' }).click();
  await add.getByText('Enter a secure (https) link to a YouTube or Vimeo video.').waitFor();

  await add.getByLabel('Video address', { exact: true }).fill('https://www.youtube.com/watch?v=abc123');
  await add.getByRole('button', { name: 'Add the lesson' }).click();
  await add.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Edit Tracing a transfer' }).waitFor();

  // A text lesson made a video later, in the lesson dialog.
  await page.getByRole('button', { name: 'Add a lesson to Following the money' }).click();
  await add.getByLabel('Title', { exact: true }).fill('Case study');
  await add.getByRole('button', { name: 'Add the lesson' }).click();
  await add.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Edit Case study' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit: Case study' });
  await editor.getByLabel('Kind', { exact: true }).selectOption('video');
  await editor.getByLabel('Video address', { exact: true }).fill('https://vimeo.com/76979871');
  await editor.getByRole('button', { name: 'Change the kind' }).click();
  await editor.getByRole('button', { name: 'Change the kind' }).waitFor({ state: 'detached' });
  await editor.getByRole('button', { name: 'Close' }).click();
  await editor.waitFor({ state: 'detached' });

  // The outline of the editor says each lesson's kind: both are videos now.
  await page.waitForFunction(() => document.querySelectorAll('ol.lessons .lesson-row').length === 2);
  const rows = page.locator('ol.lessons .lesson-row');
  assert.deepEqual(await rows.locator('.lesson-title').allTextContents(), ['Tracing a transfer', 'Case study']);
  assert.deepEqual(await rows.locator('.lesson-facts').allTextContents(), ['Video', 'Video']);
  assert.deepEqual(page.errors, []);
});

test('an empty quiz submission is refused without using an attempt; a partly answered one is asked about first', async () => {
  const email = await createAccount(platform);
  const page = await newPage(platform);
  await logIn(page, email);
  await page.goto('/courses/international-legal-framework');
  await page.getByRole('button', { name: 'Enrol' }).click();
  await page.waitForURL(/\/lessons\//);
  const quizUrl = await page.getByRole('link', { name: 'Check your understanding' }).getAttribute('href');
  await page.goto(quizUrl);
  await page.getByRole('heading', { level: 1, name: 'Check your understanding' }).waitFor();
  const questions = demoCourse('international-legal-framework')
    .modules.flatMap((m) => m.lessons)
    .find((l) => l.quiz).quiz.questions;
  const attempts = page.locator('.quiz > p.muted').first();
  const before = await attempts.textContent();
  assert.match(before, /Attempts left: \d+\./);
  // The count of questions left is near the top, before the first question.
  const top = page.locator('.quiz-unanswered');
  assert.equal(await top.textContent(), `Questions not answered yet: ${questions.length}`);

  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await page.getByRole('alert').getByText('Answer at least one question before you submit').waitFor();
  assert.equal(await attempts.textContent(), before);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Check your understanding' }).waitFor();
  assert.equal(await attempts.textContent(), before);
  assert.equal(await page.getByText('Your previous attempts').count(), 0);

  // One answered: the learner is asked, with the questions left out listed; Go back sends nothing, confirming uses the attempt.
  await page.getByLabel(questions[0].options[0].text, { exact: true }).check();
  assert.equal(await top.textContent(), `Questions not answered yet: ${questions.length - 1}`);
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`Questions not answered yet: ${questions.length - 1}. Submit anyway?`).waitFor();
  assert.equal(await dialog.getByRole('listitem').count(), questions.length - 1);
  await dialog.getByRole('button', { name: 'Go back' }).click();
  assert.equal(await page.getByText(/Your score/).count(), 0);
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await dialog.getByRole('button', { name: 'Submit anyway' }).click();
  await page.getByText(/Your score: /).waitFor();
  assert.deepEqual(page.errors, []);
});
