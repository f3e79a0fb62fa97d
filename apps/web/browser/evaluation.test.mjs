import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAccount, DEMO_PASSWORD, logIn, newPage, screenshot, startPlatform } from './support.mjs';

let platform;
before(async () => {
  platform = await startPlatform();
});
after(() => platform?.close());

/** A page signed in through the API, for the steps that are not about the interface. */
async function apiPage(email) {
  const page = await newPage(platform);
  const headers = { origin: platform.baseUrl };
  const login = await page.request.post('/api/auth/login', { headers, data: { email, password: DEMO_PASSWORD } });
  assert.equal(login.status(), 200);
  const call = async (method, url, data, expected) => {
    const response = await page.request[method](url, { headers, ...(data ? { data } : {}) });
    assert.equal(response.status(), expected, `${method} ${url}: ${await response.text()}`);
    return response.status() === 204 ? undefined : response.json();
  };
  return { page, call };
}

test('a learner answers the evaluation; the trainer sees no result until the fifth response, then the figures', async () => {
  const trainerEmail = await createAccount(platform, { roles: ['trainer'] });
  const { call: asTrainer } = await apiPage(trainerEmail);
  const course = await asTrainer('post', '/api/courses', { title: 'Evaluated course', summary: 'Short', enrolmentPolicy: 'open' }, 201);
  const module = await asTrainer('post', `/api/courses/${course.id}/modules`, { title: 'Module' }, 201);
  const lesson = await asTrainer(
    'post',
    `/api/modules/${module.id}/lessons`,
    { title: 'Only lesson', kind: 'text', body: 'Read me.' },
    201,
  );
  await asTrainer('post', `/api/courses/${course.id}/publish`, undefined, 200);
  const { items } = await asTrainer('get', `/api/courses/${course.id}/evaluation`, undefined, 200);
  const [statement] = items;
  const question = items.find((item) => item.kind === 'text');

  // Four learners finish the course and answer through the API.
  for (let i = 1; i <= 4; i++) {
    const { call } = await apiPage(await createAccount(platform, { fullName: `Seeded ${i}` }));
    await call('post', `/api/courses/${course.id}/enrolments`, undefined, 201);
    await call('post', `/api/lessons/${lesson.id}/complete`, undefined, 200);
    const answers = items.map((item) =>
      item.kind === 'likert' ? { itemId: item.id, rating: 3 } : { itemId: item.id, text: `Seeded answer ${i}` },
    );
    await call('post', `/api/courses/${course.id}/evaluation/responses`, { answers }, 204);
  }

  // The trainer: four responses, nothing shown.
  const trainer = await newPage(platform);
  await logIn(trainer, trainerEmail);
  await trainer.goto(`/teach/${course.id}`);
  await trainer.getByRole('link', { name: 'Evaluation', exact: true }).click();
  await trainer.getByRole('heading', { level: 1, name: 'Evaluation of Evaluated course' }).waitFor();
  await trainer.getByText('Results appear once 5 learners have answered.', { exact: false }).waitFor();
  assert.equal(await trainer.getByText('Seeded answer').count(), 0);

  // The fifth learner, in the browser: the completion panel invites them to the form.
  const email = await createAccount(platform, { fullName: 'Fifth Learner' });
  const { call } = await apiPage(email);
  await call('post', `/api/courses/${course.id}/enrolments`, undefined, 201);
  await call('post', `/api/lessons/${lesson.id}/complete`, undefined, 200);
  const learner = await newPage(platform);
  await logIn(learner, email);
  await learner.goto(`/courses/${course.slug}`);
  await learner.getByRole('heading', { name: 'Course completed' }).waitFor();
  await learner.getByRole('link', { name: 'Evaluate the course' }).click();
  await learner.getByRole('heading', { level: 1, name: 'Evaluation: Evaluated course' }).waitFor();
  // Each statement is a radio group named by its statement.
  await learner.getByRole('group', { name: statement.prompt }).getByLabel('Strongly agree').check();
  await learner.getByLabel(question.prompt).fill('The case studies, from the browser');
  await screenshot(learner, 'evaluation-form');
  const sent = learner.waitForResponse(
    (r) => r.url().endsWith(`/api/courses/${course.id}/evaluation/responses`) && r.request().method() === 'POST',
  );
  await learner.getByRole('button', { name: 'Send my evaluation' }).click();
  assert.equal((await sent).status(), 204);
  await learner.getByText('Thank you for evaluating this course.').waitFor();
  // Back on the course page: thanks, no second invitation.
  await learner.goto(`/courses/${course.slug}`);
  await learner.getByText('Thank you for evaluating this course.').waitFor();
  assert.equal(await learner.getByRole('link', { name: 'Evaluate the course' }).count(), 0);

  // The trainer now sees the figures and the texts.
  await trainer.reload();
  await trainer.getByText('Responses: 5').waitFor();
  const table = trainer.getByRole('table', { name: statement.prompt });
  // Ratings 3, 3, 3, 3 and 5: mean 3.4.
  await table.getByRole('cell', { name: '3.4' }).waitFor();
  await trainer.getByText('The case studies, from the browser').waitFor();
  await screenshot(trainer, 'evaluation-results');
  assert.deepEqual(learner.errors, []);
  assert.deepEqual(trainer.errors, []);
});
