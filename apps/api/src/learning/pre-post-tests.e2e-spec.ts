import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let trainer: TestAgent;
let admin: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' })).email);
});

afterAll(() => t.close());

/** Four single-choice questions, the first option right: a learner's score moves in steps of 25. */
function quiz(purpose: string | undefined, passMark: number, maxAttempts: number | null) {
  return {
    ...(purpose ? { purpose } : {}),
    passMark,
    maxAttempts,
    questions: [1, 2, 3, 4].map((n) => ({
      type: 'single',
      prompt: `Question ${n}`,
      options: [
        { text: 'Right', correct: true },
        { text: 'Wrong', correct: false },
      ],
    })),
  };
}

interface Quiz {
  id: string;
  questions: Array<{ id: string; options: Array<{ id: string; correct: boolean }> }>;
}

/** Answers with `right` of the four questions right. */
function answersFor(lesson: Quiz, right: number) {
  return {
    answers: lesson.questions.map((q, index) => ({ questionId: q.id, optionIds: [q.options[index < right ? 0 : 1]!.id] })),
  };
}

interface MeasuredCourse {
  id: string;
  pre: Quiz;
  post: Quiz;
  textId: string;
}

/** A course with a pre-test, a text lesson and a post-test (pass mark 75, three attempts). */
async function measuredCourse(title = 'Measured course'): Promise<MeasuredCourse> {
  const course = await trainer.post('/api/courses').send({ title, summary: 'Measured', enrolmentPolicy: 'open' }).expect(201);
  const module = await trainer.post(`/api/courses/${course.body.id}/modules`).send({ title: 'Module' }).expect(201);
  const add = (body: object) => trainer.post(`/api/modules/${module.body.id}/lessons`).send(body).expect(201);
  const pre = await add({ title: 'Before we start', kind: 'quiz', quiz: quiz('pre_test', 80, 3) });
  const text = await add({ title: 'Reading', kind: 'text', body: 'Text' });
  const post = await add({ title: 'What you learned', kind: 'quiz', quiz: quiz('post_test', 75, 3) });
  await trainer.post(`/api/courses/${course.body.id}/publish`).expect(200);
  const asQuiz = (body: { id: string; quiz: Omit<Quiz, 'id'> }): Quiz => ({ id: body.id, questions: body.quiz.questions });
  return { id: course.body.id, pre: asQuiz(pre.body), post: asQuiz(post.body), textId: text.body.id };
}

async function learnerIn(courseId: string, memberState = 'KEN'): Promise<TestAgent> {
  const agent = await signIn(t.http, (await createUser(t.dataSource, { memberState })).email);
  await agent.post(`/api/courses/${courseId}/enrolments`).expect(201);
  return agent;
}

describe('pre-tests', () => {
  it('takes one attempt, completes the lesson whatever the score, never shows the answers and stays out of the final score', async () => {
    const course = await measuredCourse();
    const authored = await trainer.get(`/api/lessons/${course.pre.id}`).expect(200);
    expect(authored.body.quiz).toMatchObject({ purpose: 'pre_test', maxAttempts: 1, passMark: 0 });

    const learner = await learnerIn(course.id);
    const before = await learner.get(`/api/lessons/${course.pre.id}`).expect(200);
    expect(before.body.quiz.purpose).toBe('pre_test');
    const attempt = await learner.post(`/api/lessons/${course.pre.id}/attempts`).send(answersFor(course.pre, 1)).expect(200);
    expect(attempt.body).toMatchObject({ score: 25, attemptsLeft: 0, revealed: false });
    expect(attempt.body).not.toHaveProperty('results');
    expect(JSON.stringify(attempt.body)).not.toContain('correctOptionIds');
    // Done, though 25 is below any pass mark a graded quiz would have.
    const after = await learner.get(`/api/lessons/${course.pre.id}`).expect(200);
    expect(after.body.progress).toMatchObject({ completed: true, attemptsLeft: 0 });
    expect(JSON.stringify(after.body.quiz)).not.toContain('correct');
    const again = await learner.post(`/api/lessons/${course.pre.id}/attempts`).send(answersFor(course.pre, 4)).expect(409);
    expect(again.body.code).toBe('quiz_already_passed');

    await learner.post(`/api/lessons/${course.textId}/complete`).expect(200);
    const post = await learner.post(`/api/lessons/${course.post.id}/attempts`).send(answersFor(course.post, 3)).expect(200);
    // The final score is the post-test's 75 alone: with the pre-test's 25 it would be 50.
    expect(post.body.enrolment).toMatchObject({ status: 'completed', finalScore: 75 });
    // Both scores are the learner's personal data: their download has them.
    const data = await learner.get('/api/me/data').expect(200);
    expect(data.body.enrolments[0]).toMatchObject({ preTestScore: '25.00', postTestScore: '75.00', postTestAt: expect.any(String) });
  });

  it('allows one pre-test and one post-test per course, and no change of purpose once attempted', async () => {
    const course = await measuredCourse();
    const [moduleRow] = await t.dataSource.query(`SELECT module_id FROM lessons WHERE id = $1`, [course.textId]);
    for (const purpose of ['pre_test', 'post_test']) {
      const clash = await trainer
        .post(`/api/modules/${moduleRow.module_id}/lessons`)
        .send({ title: 'Another', kind: 'quiz', quiz: quiz(purpose, 50, 1) })
        .expect(400);
      expect(clash.body.fields['quiz.purpose']).toMatchObject({ code: 'purpose_taken', params: { purpose } });
    }
    const graded = await trainer
      .post(`/api/modules/${moduleRow.module_id}/lessons`)
      .send({ title: 'Graded', kind: 'quiz', quiz: quiz(undefined, 50, 2) })
      .expect(201);
    expect(graded.body.quiz.purpose).toBe('graded');
    const turned = await trainer
      .patch(`/api/lessons/${graded.body.id}`)
      .send({ quiz: quiz('post_test', 50, 2) })
      .expect(400);
    expect(turned.body.fields['quiz.purpose'].code).toBe('purpose_taken');
    // The post-test may be saved again as itself.
    await trainer
      .patch(`/api/lessons/${course.post.id}`)
      .send({ quiz: quiz('post_test', 60, 3) })
      .expect(200);
    // A pre-test has no time limit: timing out would leave its lesson undone with no attempt left.
    const timed = await trainer
      .patch(`/api/lessons/${course.pre.id}`)
      .send({ quiz: { ...quiz('pre_test', 50, 2), timeLimitMinutes: 10 } })
      .expect(200);
    expect(timed.body.quiz).toMatchObject({ purpose: 'pre_test', maxAttempts: 1, passMark: 0, timeLimitMinutes: null });
    // Saved without ids, the questions are new ones.
    course.pre.questions = timed.body.quiz.questions;

    const learner = await learnerIn(course.id);
    await learner.post(`/api/lessons/${course.pre.id}/attempts`).send(answersFor(course.pre, 2)).expect(200);
    const changed = await trainer
      .patch(`/api/lessons/${course.pre.id}`)
      .send({ quiz: quiz('graded', 50, 1) })
      .expect(409);
    expect(changed.body.code).toBe('quiz_has_attempts');
  });
});

describe('knowledge gain', () => {
  it('reports per course and per State what the first attempts give by hand, leaving out a learner without a post-test', async () => {
    const course = await measuredCourse('Gain course');
    const take = async (memberState: string, pre: number, posts: number[]) => {
      const learner = await learnerIn(course.id, memberState);
      await learner.post(`/api/lessons/${course.pre.id}/attempts`).send(answersFor(course.pre, pre)).expect(200);
      await learner.post(`/api/lessons/${course.textId}/complete`).expect(200);
      for (const right of posts)
        await learner.post(`/api/lessons/${course.post.id}/attempts`).send(answersFor(course.post, right)).expect(200);
    };
    await take('KEN', 1, [3]); // 25 → 75
    await take('KEN', 2, [2, 4]); // 50 → 50 (fails), then passes with 100: the gain stays 0
    await take('FRA', 0, [4]); // 0 → 100
    await take('FRA', 3, []); // no post-test: left out

    // By hand, from the attempts: each learner's first attempt at each test.
    const firsts: Array<{ state: string; pre: string; post: string }> = await t.dataSource.query(
      `SELECT u.member_state AS state, pre.score AS pre, post.score AS post
         FROM enrolments e JOIN users u ON u.id = e.user_id
         JOIN quiz_attempts pre ON pre.enrolment_id = e.id AND pre.lesson_id = $2 AND pre.attempt_number = 1
         JOIN quiz_attempts post ON post.enrolment_id = e.id AND post.lesson_id = $3 AND post.attempt_number = 1
        WHERE e.course_id = $1`,
      [course.id, course.pre.id, course.post.id],
    );
    const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
    const byHand = (rows: typeof firsts) => ({
      learners: rows.length,
      meanPre: mean(rows.map((r) => Number(r.pre))),
      meanPost: mean(rows.map((r) => Number(r.post))),
      meanGain: mean(rows.map((r) => Number(r.post) - Number(r.pre))),
    });
    expect(byHand(firsts)).toEqual({ learners: 3, meanPre: 25, meanPost: 75, meanGain: 50 });

    const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const { body } = await admin
      .get('/api/reports/member-states')
      .query({ ...period, courseId: course.id })
      .expect(200);
    expect(body.knowledgeGain.byCourse).toEqual([{ courseId: course.id, title: 'Gain course', ...byHand(firsts) }]);
    expect(body.knowledgeGain.total).toEqual(byHand(firsts));
    expect(body.knowledgeGain.byState).toEqual([
      { memberState: 'FRA', name: 'France', ...byHand(firsts.filter((r) => r.state === 'FRA')) },
      { memberState: 'KEN', name: 'Kenya', ...byHand(firsts.filter((r) => r.state === 'KEN')) },
    ]);
    expect(body.knowledgeGain.byState[1]).toMatchObject({ learners: 2, meanPre: 37.5, meanPost: 62.5, meanGain: 25 });

    // Counted in the period of the post-test: a period before it has none.
    const before = await admin
      .get('/api/reports/member-states')
      .query({ from: '2020-01-01', to: '2021-01-01', courseId: course.id })
      .expect(200);
    expect(before.body.knowledgeGain).toEqual({
      byCourse: [],
      byState: [],
      total: { learners: 0, meanPre: null, meanPost: null, meanGain: null },
    });
    // Suppressed with small counts: the learners as "<5", no means.
    const small = await admin
      .get('/api/reports/member-states')
      .query({ ...period, courseId: course.id, suppressBelow: 5 })
      .expect(200);
    expect(small.body.knowledgeGain.total).toEqual({ learners: '<5', meanPre: null, meanPost: null, meanGain: null });

    const csv = await admin
      .get('/api/reports/member-states')
      .query({ ...period, courseId: course.id, format: 'csv' })
      .expect(200);
    const lines = csv.text.split('\r\n');
    expect(lines).toContain('Knowledge gain per course');
    expect(lines).toContain(`Gain course,${course.id},3,25,75,50`);
    expect(lines).toContain('Kenya,KEN,2,37.5,62.5,25');
    expect(lines).toContain('France,FRA,1,0,100,100');

    const xlsx = await admin
      .get('/api/reports/member-states')
      .query({ ...period, courseId: course.id, format: 'xlsx' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Knowledge gain')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Knowledge gain per course']);
    expect(values(3)).toEqual(['Gain course', course.id, 3, 25, 75, 50]);
    expect(values(4)).toEqual(['Total', undefined, 3, 25, 75, 50]);
  });

  it('escapes a course title that a spreadsheet would run as a formula', async () => {
    const course = await measuredCourse('=HYPERLINK("http://evil.example","x")');
    const learner = await learnerIn(course.id);
    await learner.post(`/api/lessons/${course.pre.id}/attempts`).send(answersFor(course.pre, 1)).expect(200);
    await learner.post(`/api/lessons/${course.post.id}/attempts`).send(answersFor(course.post, 4)).expect(200);
    const csv = await admin.get('/api/reports/member-states').query({ courseId: course.id, format: 'csv' }).expect(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",${course.id},1,25,100,75`);
  });
});
