import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccount, demoCourse, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

const rightAnswers = (slug) =>
  demoCourse(slug)
    .modules.flatMap((m) => m.lessons)
    .find((l) => l.quiz)
    .quiz.questions.flatMap((q) => q.options.filter((o) => o.correct).map((o) => o.text));

/** Nothing sticks out sideways: a mirrored layout that overlaps or is cut shows up here. */
async function assertNoHorizontalOverflow(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `the page is ${scroll}px wide in a ${client}px window`);
}

test('the learner journey in Arabic: the profile language applies, the layout mirrors right to left', async () => {
  const page = await newPage(platform, { locale: 'en-GB' });
  await logIn(page, await createAccount(platform, { locale: 'ar', fullName: 'ليلى حسن' }));
  // The profile's language wins over the browser's.
  await page.getByRole('navigation', { name: 'الرئيسية' }).or(page.locator('nav')).first().waitFor();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');

  await page.goto('/courses/human-rights-investigations');
  // Enrolling in a course is not registering on the platform: two words in Arabic too.
  assert.equal(await page.getByRole('button', { name: 'التسجيل', exact: true }).count(), 0);
  await page.getByRole('button', { name: 'الالتحاق بالدورة' }).click();
  await page.waitForURL(/\/lessons\//);
  await page.getByRole('button', { name: 'وضع علامة على الدرس كمكتمل' }).click();
  await page.getByText('اكتمل الدرس').waitFor();
  await assertNoHorizontalOverflow(page);
  await screenshot(page, 'lesson-ar');
  // The outline sits at the start of the line: on the right in Arabic.
  const outline = await page.locator('.lesson-outline').boundingBox();
  const lesson = await page.locator('article.lesson').boundingBox();
  assert.ok(outline.x > lesson.x, 'the outline is on the right of the lesson');

  const quizUrl = await page.getByRole('link', { name: 'Check your understanding' }).getAttribute('href');
  await page.goto(quizUrl);
  for (const text of rightAnswers('human-rights-investigations')) await page.getByLabel(text, { exact: true }).check();
  await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
  await page.getByText('لقد نجحت في هذا الاختبار.').waitFor();
  await assertNoHorizontalOverflow(page);
  await page.goto('/learning');
  await page.getByRole('heading', { name: 'تعلّمي' }).waitFor();
  await screenshot(page, 'my-learning-ar');
  assert.deepEqual(page.errors, []);
});

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page, matches, limit = 80) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el?.labels?.[0]?.textContent ?? '';
      const style = el ? getComputedStyle(el) : null;
      return {
        text: `${el?.textContent ?? ''} ${label} ${el?.getAttribute('aria-label') ?? ''}`.trim(),
        tag: el?.tagName,
        outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
      };
    });
    seen.push(`${focused.tag}:${focused.text.slice(0, 40)}`);
    if (matches(focused.text, focused.tag)) {
      assert.doesNotMatch(focused.outline, /^none|0px$/, `focus is visible on "${focused.text}"`);
      return;
    }
  }
  throw new Error(`never reached the element with Tab; focus went through ${seen.slice(0, 30).join(' | ')}`);
}

test('with the keyboard alone: log in, enrol, and pass a quiz', async () => {
  const email = await createAccount(platform, { fullName: 'Keyboard Official' });
  const page = await newPage(platform);
  await page.goto('/login');
  await page.locator('input[type=email]').waitFor();
  await tabTo(page, (_, tag) => tag === 'INPUT');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('ctlp-demo-passphrase');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.goto('/courses/international-legal-framework');
  await page.getByRole('button', { name: 'Enrol' }).waitFor();
  await tabTo(page, (text, tag) => tag === 'BUTTON' && text === 'Enrol');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/lessons\//);

  const quizUrl = await page.getByRole('link', { name: 'Check your understanding' }).getAttribute('href');
  await page.goto(quizUrl);
  await page.getByRole('heading', { level: 1, name: 'Check your understanding' }).waitFor();
  const questions = demoCourse('international-legal-framework')
    .modules.flatMap((m) => m.lessons)
    .find((l) => l.quiz).quiz.questions;
  for (const question of questions) {
    if (question.type === 'multiple') {
      // Checkboxes: each is a stop of its own, Space ticks it.
      for (const option of question.options.filter((o) => o.correct)) {
        await tabTo(page, (text, tag) => tag === 'INPUT' && text.includes(option.text));
        await page.keyboard.press('Space');
      }
    } else {
      // A radio group is one stop: Tab enters it on the first option, the arrows choose.
      await tabTo(page, (text, tag) => tag === 'INPUT' && text.includes(question.options[0].text));
      const right = question.options.findIndex((o) => o.correct);
      if (right === 0) await page.keyboard.press('Space');
      for (let i = 0; i < right; i++) await page.keyboard.press('ArrowDown');
    }
  }
  await tabTo(page, (text, tag) => tag === 'BUTTON' && text === 'Submit my answers');
  await page.keyboard.press('Enter');
  await page.getByText('You passed this quiz.').waitFor();
  assert.deepEqual(page.errors, []);
});
