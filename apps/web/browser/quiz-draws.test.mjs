import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, createAccount, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

const LEGAL = 'Legal framework';
const MONEY = 'Financing';
const BORDERS = 'Border security';

/** A pool of eight, every type, each with a topic, an explanation and feedback on its options. */
const POOL = [
  {
    type: 'single',
    topic: LEGAL,
    prompt: 'Which convention was adopted first?',
    explanation: 'The Tokyo Convention dates from 1963.',
    options: [
      { text: 'The Tokyo Convention', correct: true, feedback: 'Yes: 1963, on offences on board aircraft.' },
      { text: 'The Nuclear Terrorism Convention', correct: false, feedback: 'No: that one is from 2005.' },
      { text: 'The Terrorist Financing Convention', correct: false, feedback: 'No: that one is from 1999.' },
    ],
  },
  {
    type: 'multiple',
    topic: LEGAL,
    prompt: 'Which of these are universal counter-terrorism instruments?',
    explanation: 'Both conventions are among the universal instruments.',
    options: [
      { text: 'The Hague Convention of 1970', correct: true, feedback: 'Right: unlawful seizure of aircraft.' },
      { text: 'The Montreal Convention of 1971', correct: true, feedback: 'Right: safety of civil aviation.' },
      { text: 'The Vienna Convention on Diplomatic Relations', correct: false, feedback: 'Not a counter-terrorism instrument.' },
    ],
  },
  {
    type: 'true_false',
    topic: MONEY,
    prompt: 'The 1999 Convention concerns the financing of terrorism.',
    explanation: 'Its full name is the International Convention for the Suppression of the Financing of Terrorism.',
    options: [
      { text: 'True', correct: true, feedback: 'Indeed.' },
      { text: 'False', correct: false },
    ],
  },
  {
    type: 'matching',
    topic: LEGAL,
    prompt: 'Match each convention with the year it was adopted.',
    explanation: 'Tokyo 1963, Financing 1999, Nuclear Terrorism 2005.',
    options: [
      { text: 'Tokyo Convention', match: '1963' },
      { text: 'Financing Convention', match: '1999' },
      { text: 'Nuclear Terrorism Convention', match: '2005' },
    ],
  },
  {
    type: 'ordering',
    topic: LEGAL,
    prompt: 'Put these aviation conventions in the order they were adopted.',
    explanation: 'Tokyo (1963), The Hague (1970), Montreal (1971).',
    options: [{ text: 'Tokyo' }, { text: 'The Hague' }, { text: 'Montreal' }],
  },
  {
    type: 'numeric',
    topic: MONEY,
    prompt: 'What share of the transfers in the case study were flagged, in per cent?',
    explanation: 'Five of forty transfers: 12.5 per cent.',
    options: [],
    numeric: { answer: 12.5, tolerance: 0 },
  },
  {
    type: 'single',
    topic: MONEY,
    prompt: 'Which body adopted the 1999 Convention?',
    explanation: 'The General Assembly adopted it by resolution 54/109.',
    options: [
      { text: 'The General Assembly', correct: true, feedback: 'Yes: resolution 54/109.' },
      { text: 'The Security Council', correct: false, feedback: 'The Council acts by resolutions, not conventions.' },
    ],
  },
  {
    type: 'single',
    topic: BORDERS,
    prompt: 'What do advance passenger information systems send?',
    explanation: 'Passenger data are sent before arrival so that border agencies can screen them.',
    options: [
      { text: 'Passenger data before arrival', correct: true, feedback: 'Right: before the flight lands.' },
      { text: 'Cargo manifests after arrival', correct: false, feedback: 'That is customs data, and too late.' },
    ],
  },
];

/** A trainer's published course with that quiz (a pool of 8 drawing 4, shuffled), made through the API. */
async function seedQuiz(trainer, quiz = {}) {
  const headers = { origin: platform.baseUrl };
  const post = async (url, data) => {
    const response = await trainer.request.post(url, { headers, data });
    assert.ok(response.ok(), `${url}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  const course = await post('/api/courses', {
    title: `Drawn quiz ${Math.random().toString(36).slice(2, 7)}`,
    summary: 'A course with a bank.',
  });
  const module = await post(`/api/courses/${course.id}/modules`, { title: 'Checks' });
  const lesson = await post(`/api/modules/${module.id}/lessons`, {
    title: 'Check what you know',
    kind: 'quiz',
    quiz: { passMark: 75, maxAttempts: 3, drawCount: 4, shuffle: true, questions: POOL, ...quiz },
  });
  await post(`/api/courses/${course.id}/publish`);
  // The pool as the API keeps it, with its ids and answers, to answer each drawn question by its words.
  const authored = await (await trainer.request.get(`/api/lessons/${lesson.id}`)).json();
  return { course, lessonId: lesson.id, pool: authored.quiz.questions };
}

async function learnerIn(course) {
  // bypassCSP only to inject axe-core.
  const page = await newPage(platform, { bypassCSP: true });
  await logIn(page, await createAccount(platform, { fullName: 'Drawn Learner' }));
  const enrolled = await page.request.post(`/api/courses/${course.id}/enrolments`, { headers: { origin: platform.baseUrl } });
  assert.ok(enrolled.ok());
  return page;
}

/** Presses Tab until `inPage(arg)` holds for the focused element, as a keyboard user would. */
async function tabUntil(page, inPage, arg, limit = 150) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(inPage, arg)) return;
  }
  throw new Error(`Tab never reached it (${inPage.toString().slice(0, 80)})`);
}

const focusIn = ({ fieldset, selector, index = 0 }) => {
  const el = document.activeElement;
  const all = [...document.getElementById(fieldset).querySelectorAll(selector)];
  return el === all[index];
};

/** The questions on the page, in order: their fieldset ids and prompts (the prompt is the legend after "Question n of m."). */
const shownQuestions = (page) =>
  page
    .locator('fieldset.question')
    .evaluateAll((sets) =>
      sets.map((set) => ({ id: set.id, legend: set.querySelector('legend').textContent, questionId: set.id.replace(/^question-/, '') })),
    );

/**
 * Answers one shown question with the keyboard: the right answer, or (`right: false`) a wrong one
 * where the type has one to pick.
 */
async function answerByKeyboard(page, shown, question, right = true) {
  const fieldset = shown.id;
  const labels = await page.locator(`#${fieldset} label`).allTextContents();
  if (question.type === 'single' || question.type === 'true_false') {
    // A radio group is one Tab stop, entered on its first option; the arrows choose.
    const texts = labels.map((l) => l.trim());
    const target = texts.findIndex((text) => question.options.some((o) => text.startsWith(o.text) && Boolean(o.correct) === right));
    await tabUntil(page, focusIn, { fieldset, selector: 'input[type=radio]' });
    if (target === 0) await page.keyboard.press('Space');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  } else if (question.type === 'multiple') {
    const boxes = page.locator(`#${fieldset} input[type=checkbox]`);
    for (let i = 0; i < (await boxes.count()); i++) {
      const id = await boxes.nth(i).getAttribute('value');
      const tick = question.options.find((o) => o.id === id).correct === right;
      await tabUntil(page, focusIn, { fieldset, selector: 'input[type=checkbox]', index: i });
      if (tick) await page.keyboard.press('Space');
    }
  } else if (question.type === 'matching') {
    const selects = page.locator(`#${fieldset} select`);
    for (let i = 0; i < (await selects.count()); i++) {
      const item = (await page.locator(`#${fieldset} .matching label`).nth(i).textContent()).trim();
      const want = question.options.find((o) => o.text === item).match;
      const choices = await selects.nth(i).locator('option').allTextContents();
      await tabUntil(page, focusIn, { fieldset, selector: 'select', index: i });
      for (let k = 0; k < choices.indexOf(want); k++) await page.keyboard.press('ArrowDown');
      assert.equal(await selects.nth(i).evaluate((s) => s.selectedOptions[0].textContent), want);
    }
  } else if (question.type === 'ordering') {
    // Selection sort with Move up: the focus stays on the item moved, so Enter moves it again.
    const target = question.options.map((o) => o.text);
    for (let place = 0; place < target.length; place++) {
      const now = await page.locator(`#${fieldset} ol.ordering li > span:first-child`).allTextContents();
      const from = now.indexOf(target[place]);
      if (from === place) continue;
      await tabUntil(page, focusIn, { fieldset, selector: 'button[data-move=up]', index: from });
      for (let k = from; k > place; k--) await page.keyboard.press('Enter');
    }
    const order = await page.locator(`#${fieldset} ol.ordering li > span:first-child`).allTextContents();
    assert.deepEqual(order, target);
    if (!(await page.locator(`#${fieldset} input[type=checkbox]`).isChecked())) {
      await tabUntil(page, focusIn, { fieldset, selector: 'input[type=checkbox]' });
      await page.keyboard.press('Space');
    }
  } else {
    await tabUntil(page, focusIn, { fieldset, selector: 'input' });
    await page.keyboard.type(right ? '12.5' : '40');
  }
}

const byPrompt = (pool, legend) => pool.find((q) => legend.includes(q.prompt));

test('a learner takes a drawn quiz with the keyboard: asked about unanswered questions, fails with topics to revisit and no answers, gets a new draw, passes and sees the feedback', async () => {
  const trainer = await newPage(platform, { bypassCSP: true });
  await logIn(trainer, await createAccount(platform, { roles: ['trainer'], fullName: 'Bank Trainer' }));
  const { course, lessonId, pool } = await seedQuiz(trainer);
  const page = await learnerIn(course);
  await page.goto(`/courses/${course.slug}/lessons/${lessonId}`);
  await page.getByRole('heading', { level: 1, name: 'Check what you know' }).waitFor();

  // Four of the eight, "Question n of 4", a progress bar and a link per question.
  let shown = await shownQuestions(page);
  assert.equal(shown.length, 4);
  shown.forEach((q, i) => assert.ok(q.legend.startsWith(`Question ${i + 1} of 4.`), q.legend));
  const nav = page.getByRole('navigation', { name: 'Questions' });
  assert.equal(await nav.locator('progress').getAttribute('value'), '0');
  assert.deepEqual(
    await nav.getByRole('link').allTextContents(),
    [1, 2, 3, 4].map((n) => `Question ${n} (not answered)`),
  );
  const firstDraw = shown.map((q) => q.questionId);

  // One answered, wrongly where it can be; the others left out.
  const first = byPrompt(pool, shown[0].legend);
  // Ordering and matching have no wrong option to pick: the right answer then; three left out still fail.
  await answerByKeyboard(page, shown[0], first, first.type === 'ordering' || first.type === 'matching');
  assert.equal(await nav.getByRole('link').first().textContent(), 'Question 1 (answered)');
  assert.equal(await nav.locator('progress').getAttribute('value'), '1');

  // Submitting asks first, listing the three left out; Enter means "Go back" and costs nothing.
  await tabUntil(page, () => document.activeElement?.textContent === 'Submit my answers');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Questions not answered yet: 3. Submit anyway?' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('li').count(), 3);
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Go back');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  // Back at the first question left out.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('fieldset')?.id), shown[1].id);
  assert.equal((await (await page.request.get(`/api/lessons/${lessonId}`)).json()).progress.attempts.length, 0);

  // This time "Submit anyway": the attempt fails; the topics to revisit, and no right answer shown.
  await tabUntil(page, () => document.activeElement?.textContent === 'Submit my answers');
  const graded = page.waitForResponse((r) => r.url().endsWith('/attempts') && r.request().method() === 'POST');
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Submit anyway');
  await page.keyboard.press('Enter');
  const result = await (await graded).json();
  assert.equal(result.passed, false);
  const outcome = page.locator('.quiz-outcome');
  await outcome.getByText(/Your score: /).waitFor();
  assert.ok(await outcome.evaluate((el) => el === document.activeElement), 'the focus moves to the outcome');
  assert.ok(result.topicsToRevisit.length > 0);
  await outcome.getByText(`Topics to revisit: `, { exact: false }).waitFor();
  for (const topic of result.topicsToRevisit) assert.match(await outcome.textContent(), new RegExp(topic));
  assert.equal(result.results, undefined);
  await page.getByText('You will see which answers were right once you pass the quiz or have used every attempt.').waitFor();
  assert.equal(await page.locator('.correct-answer, .verdict, .reveal').count(), 0);
  for (const q of pool) assert.equal(await page.getByText(q.explanation).count(), 0);
  await screenshot(page, 'quiz-draws-failed');
  assert.deepEqual(await axeViolations(page), []);

  // A new draw for the second attempt.
  const lesson = await (await page.request.get(`/api/lessons/${lessonId}`)).json();
  assert.equal(lesson.quiz.attempt.attemptNumber, 2);
  await page.waitForFunction(
    (ids) => [...document.querySelectorAll('fieldset.question')].map((f) => f.id.replace(/^question-/, '')).join() === ids.join(),
    lesson.quiz.questions.map((q) => q.id),
  );
  shown = await shownQuestions(page);
  // Nothing of the first attempt carries over, not even to a question drawn again.
  assert.equal(await nav.locator('progress').getAttribute('value'), '0');
  assert.deepEqual(
    await nav.getByRole('link').allTextContents(),
    [1, 2, 3, 4].map((n) => `Question ${n} (not answered)`),
  );
  console.log(
    `# first draw ${firstDraw.length} questions, second draw shares ${shown.filter((q) => firstDraw.includes(q.questionId)).length}`,
  );

  // Everything right, by the keyboard alone: passed, then each question's verdict, feedback and explanation.
  for (const q of shown) await answerByKeyboard(page, q, byPrompt(pool, q.legend));
  await tabUntil(page, () => document.activeElement?.textContent === 'Submit a new attempt');
  await page.keyboard.press('Enter');
  await page.getByText('You passed this quiz.').waitFor();
  await page.getByText('Right', { exact: true }).nth(3).waitFor();
  assert.equal(await page.getByText('Right', { exact: true }).count(), 4);
  for (const q of shown) {
    const question = byPrompt(pool, q.legend);
    const block = page.locator(`#${q.id}`);
    await block.getByText(question.explanation).waitFor();
    const feedback = question.options.filter((o) => o.correct && o.feedback).map((o) => o.feedback);
    for (const text of feedback) await block.getByText(text).waitFor();
    if (question.type === 'ordering') await block.getByText('The right order:').waitFor();
    if (question.type === 'matching') await block.getByText('The right pairs:').waitFor();
    if (question.type === 'numeric') await block.getByText('The right answer: 12.5.').waitFor();
  }
  await screenshot(page, 'quiz-draws-passed');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);

  // The trainer's item analysis counts each learner's first attempt: the four questions first drawn.
  await trainer.goto(`/teach/${course.id}`);
  await trainer.getByRole('button', { name: 'More actions for the lesson Check what you know' }).click();
  await trainer.getByRole('link', { name: 'Item analysis' }).click();
  await trainer.getByRole('heading', { level: 1, name: 'Item analysis: Check what you know' }).waitFor();
  await trainer.getByText('First attempts counted: 1', { exact: false }).waitFor();
  const rows = trainer.locator('tbody tr');
  assert.equal(await rows.count(), 8);
  const drawn = await rows.locator('td[data-label=Drawn]').allTextContents();
  assert.equal(drawn.filter((n) => n === '1').length, 4);
  assert.deepEqual(await axeViolations(trainer), []);
  assert.deepEqual(trainer.errors, []);

  // Someone else's quiz: the page does not exist for them.
  const stranger = await newPage(platform);
  await logIn(stranger, await createAccount(platform, { roles: ['trainer'], fullName: 'Other Trainer' }));
  await stranger.goto(`/teach/${course.id}/quizzes/${lessonId}/analysis`);
  await stranger.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
});

test('a timed quiz starts with a button, counts down, and sends what is answered when the time is up', async () => {
  const trainer = await newPage(platform);
  await logIn(trainer, await createAccount(platform, { roles: ['trainer'], fullName: 'Clock Trainer' }));
  const { course, lessonId, pool } = await seedQuiz(trainer, { timeLimitMinutes: 10 });
  const page = await learnerIn(course);
  await page.goto(`/courses/${course.slug}/lessons/${lessonId}`);
  await page.getByText('This quiz is timed: 10 min.', { exact: false }).waitFor();
  assert.equal(await page.locator('fieldset.question').count(), 0);
  const started = page.waitForResponse((r) => r.url().endsWith('/attempts/start'));
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await started;
  await page.locator('fieldset.question').first().waitFor();
  assert.match(await page.locator('.countdown').textContent(), /Time left: (10:00|9:\d\d)/);
  // The focus goes to the first question.
  await page.waitForFunction(() => Boolean(document.activeElement?.closest('fieldset.question')), null, { timeout: 5_000 });

  // The clock nears its end (moved forward in the database rather than waited for).
  await platform.db.query(`UPDATE quiz_draws SET deadline_at = now() + interval '8 seconds' WHERE lesson_id = $1`, [lessonId]);
  await page.reload();
  await page.locator('.countdown').waitFor();
  const shown = await shownQuestions(page);
  const question = byPrompt(pool, shown[0].legend);
  await answerByKeyboard(page, shown[0], question);
  const sent = page.waitForResponse((r) => r.url().endsWith('/attempts') && r.request().method() === 'POST', { timeout: 15_000 });
  const response = await sent;
  assert.ok(response.ok(), `${response.status()}`);
  await page
    .locator('.quiz-outcome')
    .getByText(/Your score: 25%/)
    .waitFor();
  // The next attempt starts with the button again.
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a trainer sets the draw, sees the API refuse too many, adds a numeric question and one from the bank, and previews every type', async () => {
  const trainer = await newPage(platform);
  await logIn(trainer, await createAccount(platform, { roles: ['trainer'], fullName: 'Builder Trainer' }));
  const { course, lessonId } = await seedQuiz(trainer);
  await trainer.goto(`/teach/${course.id}`);
  await trainer.getByRole('button', { name: 'Edit Check what you know', exact: true }).click();
  const dialog = trainer.getByRole('dialog', { name: 'Edit: Check what you know' });
  const draw = dialog.getByLabel('Questions per attempt');
  assert.equal(await draw.inputValue(), '4');
  assert.ok(await dialog.getByLabel('Shuffle the questions and their options for each attempt').isChecked());
  assert.deepEqual(
    await dialog.getByLabel('Topic', { exact: true }).evaluateAll((inputs) => inputs.map((i) => i.value)),
    POOL.map((q) => q.topic),
  );
  // The course's topics are offered as the author types one.
  const listId = await dialog.getByLabel('Topic', { exact: true }).first().getAttribute('list');
  assert.deepEqual(
    (await trainer.locator(`datalist[id="${listId}"] option`).evaluateAll((o) => o.map((x) => x.value))).sort(),
    [BORDERS, MONEY, LEGAL].sort(),
  );

  // More than the pool holds: the API says so, on the field.
  await draw.fill('9');
  await dialog.getByRole('button', { name: 'Save the quiz' }).click();
  await dialog.getByText('Only 8 questions are there to draw from.').waitFor();
  await draw.fill('5');

  // A numeric question, with its right answer and tolerance.
  await dialog.getByRole('button', { name: 'Add a question' }).click();
  await dialog.getByLabel('Type', { exact: true }).last().selectOption('numeric');
  await dialog.getByLabel('Question', { exact: true }).last().fill('How many instruments make up the universal legal framework?');
  await dialog.getByLabel('Topic', { exact: true }).last().fill(LEGAL);
  await dialog.getByLabel('Right answer', { exact: true }).last().fill('19');
  await dialog.getByLabel('Tolerance (±)', { exact: true }).last().fill('0');
  await dialog.getByLabel('Explanation', { exact: true }).last().fill('Nineteen instruments, from 1963 to 2005.');

  // And a copy of a question from the course's bank, filtered by topic.
  await dialog.getByRole('button', { name: 'Add from the course’s bank' }).click();
  const bank = trainer.getByRole('dialog', { name: 'The course’s question bank' });
  await bank.getByRole('checkbox').first().waitFor();
  assert.equal(await bank.getByRole('checkbox').count(), 8);
  await bank.getByLabel('Show the topic').selectOption(BORDERS);
  await trainer.waitForFunction(() => document.querySelectorAll('.bank-list input[type=checkbox]').length === 1);
  await bank.getByLabel('What do advance passenger information systems send?').check();
  await bank.getByRole('button', { name: 'Add the chosen questions (1)' }).click();
  await bank.waitFor({ state: 'detached' });
  assert.equal(await dialog.getByLabel('Question', { exact: true }).count(), 10);

  const saved = trainer.waitForResponse((r) => r.url().endsWith(`/api/lessons/${lessonId}`) && r.request().method() === 'PATCH');
  await dialog.getByRole('button', { name: 'Save the quiz' }).click();
  assert.ok((await saved).ok());
  await dialog.getByText('The quiz is saved.').waitFor();
  const quiz = (await (await trainer.request.get(`/api/lessons/${lessonId}`)).json()).quiz;
  assert.equal(quiz.drawCount, 5);
  assert.equal(quiz.questions.length, 10);
  const numeric = quiz.questions[8];
  assert.deepEqual(
    [numeric.type, numeric.topic, numeric.numeric, numeric.explanation],
    ['numeric', LEGAL, { answer: 19, tolerance: 0 }, 'Nineteen instruments, from 1963 to 2005.'],
  );
  const copy = quiz.questions[9];
  assert.equal(copy.prompt, 'What do advance passenger information systems send?');
  assert.notEqual(copy.id, quiz.questions[7].id);
  assert.deepEqual(
    copy.options.map((o) => [o.text, o.correct, o.feedback]),
    quiz.questions[7].options.map((o) => [o.text, o.correct, o.feedback]),
  );
  await trainer.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // The preview shows the whole pool as a learner would see it, every type answerable, graded.
  await trainer.goto(`/courses/${course.slug}/lessons/${lessonId}`);
  await trainer.getByText('Preview — nothing is recorded.').waitFor();
  const shown = await shownQuestions(trainer);
  assert.equal(shown.length, 10);
  for (const q of shown) {
    const question = quiz.questions.find((x) => x.id === q.questionId);
    if (question.type === 'numeric') {
      await trainer.locator(`#${q.id} input`).fill(String(question.numeric.answer));
      continue;
    }
    // The preview hides the answers the API sends the trainer: none is marked.
    assert.equal(await trainer.locator(`#${q.id} .correct-answer`).count(), 0);
    await answerByKeyboard(trainer, q, question);
  }
  await trainer.getByRole('button', { name: 'Submit my answers' }).click();
  await trainer.getByText('Your score: 100%.').waitFor();
  assert.equal(await trainer.getByText('Right', { exact: true }).count(), 10);
  assert.deepEqual(trainer.errors, []);
});

test('a pre-test says it was recorded, never that it was passed, shows no pass mark and no answers', async () => {
  const trainer = await newPage(platform);
  await logIn(trainer, await createAccount(platform, { roles: ['trainer'], fullName: 'Pre Trainer' }));
  const { course, lessonId, pool } = await seedQuiz(trainer, { purpose: 'pre_test' });
  const page = await learnerIn(course);
  await page.goto(`/courses/${course.slug}/lessons/${lessonId}`);
  await page.locator('fieldset.question').first().waitFor();
  const shown = await shownQuestions(page);
  assert.equal(shown.length, 4);
  assert.equal(await page.getByText(/Pass mark/).count(), 0);
  for (const [i, question] of shown.entries()) await answerByKeyboard(page, shown[i], byPrompt(pool, question.legend));
  const graded = page.waitForResponse((r) => r.url().endsWith('/attempts') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  const result = await (await graded).json();
  assert.ok(typeof result.score === 'number', JSON.stringify(result));
  // Every answer right, and still: recorded, not "passed", and nothing revealed.
  assert.equal(result.score, 100);
  assert.equal(result.results, undefined);
  const outcome = page.locator('.quiz-outcome');
  await outcome.getByText('Your pre-test is recorded.', { exact: false }).waitFor();
  assert.equal(await outcome.getByText('You passed this quiz.').count(), 0);
  await page.reload();
  await page.getByText('You have taken the pre-test.').waitFor();
  assert.equal(await page.getByText(/— passed/).count(), 0);
  assert.deepEqual(page.errors, []);
});
