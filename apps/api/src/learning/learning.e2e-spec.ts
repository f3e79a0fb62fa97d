import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { answers, buildCourse } from '../../test/courses.js';
import { countQueries } from '../../test/query-count.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let dataDir: string;
let trainer: TestAgent;
let otherTrainer: TestAgent;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctlp-learning-'));
  t = await createTestApp({ dataDir });
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
});

afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function enrolledLearner(courseId: string): Promise<TestAgent> {
  const agent = await signIn(t.http, (await createUser(t.dataSource)).email);
  await agent.post(`/api/courses/${courseId}/enrolments`).expect(201);
  return agent;
}

describe('taking a course', () => {
  it('runs an official from enrolment to completion with the mean of the best quiz scores', async () => {
    const course = await buildCourse(trainer, { textLessons: 2, quiz: { maxAttempts: 3, passMark: 100 } });
    const learner = await enrolledLearner(course.id);

    let outline = await learner.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.enrolment).toMatchObject({ status: 'active', progress: 0 });

    const first = await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    expect(first.body.enrolment).toMatchObject({ status: 'active', progress: 33 });
    // Completing it again changes nothing.
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    await learner.post(`/api/lessons/${course.textLessonIds[1]}/complete`).expect(200);
    await learner.post(`/api/lessons/${course.quizLessonId}/complete`).expect(409);

    const half = await learner
      .post(`/api/lessons/${course.quizLessonId}/attempts`)
      .send({
        answers: [
          { questionId: course.quiz!.questionIds[0], optionIds: course.quiz!.rightOptionIds[0] },
          { questionId: course.quiz!.questionIds[1], optionIds: [course.quiz!.wrongOptionIds[1]] },
        ],
      })
      .expect(200);
    expect(half.body).toMatchObject({ score: 50, passed: false, attemptsLeft: 2, rightCount: 1, questionCount: 2, revealed: false });
    expect(half.body).not.toHaveProperty('results');
    expect(half.body.enrolment.status).toBe('active');

    const pass = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    expect(pass.body).toMatchObject({ score: 100, passed: true, attemptsLeft: 1, rightCount: 2, revealed: true });
    expect(pass.body.results[0].correctOptionIds).toEqual(course.quiz!.rightOptionIds[0]);
    expect(pass.body.enrolment).toMatchObject({ status: 'completed', progress: 100, finalScore: 100 });
    expect(pass.body.enrolment.completedAt).toEqual(expect.any(String));

    await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(409);
    outline = await learner.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.modules[0].lessons.every((l: { completed: boolean }) => l.completed)).toBe(true);
    const mine = await learner.get('/api/me/enrolments').expect(200);
    expect(mine.body.items[0]).toMatchObject({ courseId: course.id, status: 'completed', progress: 100, course: { id: course.id } });
  });

  it('counts only required lessons towards completion', async () => {
    const course = await buildCourse(trainer, { textLessons: 2, publish: false });
    await trainer.patch(`/api/lessons/${course.textLessonIds[1]}`).send({ required: false }).expect(200);
    await trainer.post(`/api/courses/${course.id}/publish`).expect(200);
    const learner = await enrolledLearner(course.id);
    const done = await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    expect(done.body.enrolment).toMatchObject({ status: 'completed', progress: 100, finalScore: null });
  });

  it('gives twenty parallel completions of the last lesson exactly one completion', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const learner = await enrolledLearner(course.id);
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    const responses = await Promise.all(Array.from({ length: 20 }, () => learner.post(`/api/lessons/${course.textLessonIds[1]}/complete`)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const completedAts = new Set(responses.map((r) => r.body.enrolment.completedAt));
    expect(completedAts.size).toBe(1);
    const rows = await t.dataSource.query(
      `SELECT e.status, e.completed_at, (SELECT count(*)::int FROM lesson_progress p WHERE p.enrolment_id = e.id) AS done
         FROM enrolments e WHERE e.course_id = $1`,
      [course.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('completed');
    expect(rows[0].done).toBe(2);
    expect(rows[0].completed_at.toISOString()).toBe([...completedAts][0]);
  });

  it('completes the course when its last lessons are all marked done at the same moment', async () => {
    // Each request sees the others' progress only because it reads after taking the enrolment's
    // lock; reading before it, every request would find another lesson missing and none complete.
    const course = await buildCourse(trainer, { textLessons: 6 });
    for (let round = 0; round < 3; round++) {
      const learner = await enrolledLearner(course.id);
      const responses = await Promise.all(course.textLessonIds.map((id) => learner.post(`/api/lessons/${id}/complete`)));
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(responses.filter((r) => r.body.certificate)).toHaveLength(1);
      const mine = await learner.get(`/api/courses/${course.id}`).expect(200);
      expect(mine.body.enrolment).toMatchObject({ status: 'completed', progress: 100 });
    }
  });

  it('holds the attempt limit under parallel submissions', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 2, passMark: 100 } });
    const learner = await enrolledLearner(course.id);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false))),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(10);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM quiz_attempts WHERE lesson_id = $1`, [
      course.quizLessonId,
    ]);
    expect(count).toBe(2);
    const numbers = await t.dataSource.query(`SELECT attempt_number FROM quiz_attempts WHERE lesson_id = $1 ORDER BY 1`, [
      course.quizLessonId,
    ]);
    expect(numbers.map((n: { attempt_number: number }) => n.attempt_number)).toEqual([1, 2]);
  });

  it('shows no correct answer to a learner before passing or using up the attempts', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 2, passMark: 100 } });
    const learner = await enrolledLearner(course.id);
    const hasAnswers = (body: unknown) =>
      /"correct(OptionIds)?"\s*:\s*(true|false|\[)/.test(JSON.stringify(body)) || JSON.stringify(body).includes('"correct":');

    const before = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(before.body.quiz.questions[0].options).toHaveLength(2);
    expect(JSON.stringify(before.body)).not.toMatch(/"correct"/);
    expect(hasAnswers(before.body)).toBe(false);

    const outline = await learner.get(`/api/courses/${course.id}`).expect(200);
    expect(JSON.stringify(outline.body)).not.toMatch(/"correct"|correctOptionIds/);

    const firstTry = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
    // How many were right, but neither which nor which option was right.
    expect(firstTry.body).toMatchObject({ rightCount: 0, questionCount: 2, revealed: false });
    expect(JSON.stringify(firstTry.body)).not.toMatch(/correctOptionIds|"correct"/);
    const between = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(JSON.stringify(between.body)).not.toMatch(/"correct"/);
    expect(between.body.progress).toMatchObject({ completed: false, attemptsLeft: 1 });

    const lastTry = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
    expect(lastTry.body.attemptsLeft).toBe(0);
    expect(JSON.stringify(lastTry.body)).toMatch(/correctOptionIds/);
    const after = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(JSON.stringify(after.body)).toMatch(/"correct":true/);
    await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(409);
  });

  it('tells nothing per question across many attempts on an unlimited quiz, until it is passed', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: null, passMark: 100 } });
    const learner = await enrolledLearner(course.id);
    const [q1, q2] = course.quiz!.questionIds as [string, string];
    const right = course.quiz!.rightOptionIds;
    const wrong = course.quiz!.wrongOptionIds;
    // Each combination of right and wrong once: per-question verdicts would give the answers away.
    const tries = [
      [wrong[0]!, wrong[1]!],
      [right[0]![0]!, wrong[1]!],
      [wrong[0]!, right[1]![0]!],
      [wrong[0]!, wrong[1]!],
    ];
    for (const [a, b] of tries) {
      const attempt = await learner
        .post(`/api/lessons/${course.quizLessonId}/attempts`)
        .send({
          answers: [
            { questionId: q1, optionIds: [a] },
            { questionId: q2, optionIds: [b] },
          ],
        })
        .expect(200);
      expect(attempt.body).toMatchObject({ passed: false, attemptsLeft: null, questionCount: 2, revealed: false });
      expect(attempt.body).not.toHaveProperty('results');
      expect(JSON.stringify(attempt.body)).not.toMatch(/"correct"|correctOptionIds|questionId/);
      const lesson = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
      expect(JSON.stringify(lesson.body)).not.toMatch(/"correct"|correctOptionIds/);
    }
    const history = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(history.body.progress.attempts).toHaveLength(4);
    expect(history.body.progress.attempts.map((a: { score: number }) => a.score)).toEqual([0, 50, 50, 0]);

    const pass = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    expect(pass.body).toMatchObject({ passed: true, revealed: true, rightCount: 2 });
    expect(pass.body.results).toEqual([
      { questionId: q1, correct: true, correctOptionIds: right[0], chosenFeedback: [] },
      { questionId: q2, correct: true, correctOptionIds: right[1], chosenFeedback: [] },
    ]);
    const after = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(JSON.stringify(after.body)).toMatch(/"correct":true/);
  });

  it('names the field of a bad answer', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: null } });
    const learner = await enrolledLearner(course.id);
    const bad = await learner
      .post(`/api/lessons/${course.quizLessonId}/attempts`)
      .send({ answers: [{ questionId: course.quiz!.questionIds[0], optionIds: [course.quiz!.wrongOptionIds[1]] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty(['answers.0.optionIds']);
    const notArray = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send({ answers: 'all of them' });
    expect(notArray.status).toBe(400);
    expect(notArray.body.fields).toHaveProperty('answers');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM quiz_attempts WHERE lesson_id = $1`, [
      course.quizLessonId,
    ]);
    expect(count).toBe(0);
  });

  it('gives 404 for lesson content to learners not enrolled, pending, or in another course', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 1 }, course: { enrolmentPolicy: 'approval' } });
    const stranger = await signIn(t.http, (await createUser(t.dataSource)).email);
    const pending = await signIn(t.http, (await createUser(t.dataSource)).email);
    const requested = await pending.post(`/api/courses/${course.id}/enrolments`).expect(201);
    expect(requested.body.enrolment.status).toBe('pending');

    for (const agent of [stranger, pending, otherTrainer]) {
      await agent.get(`/api/lessons/${course.textLessonIds[0]}`).expect(404);
      await agent.get(`/api/lessons/${course.quizLessonId}`).expect(404);
    }
    for (const agent of [stranger, pending]) {
      await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(404);
      await agent.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(404);
    }
    await request(t.http).get(`/api/lessons/${course.textLessonIds[0]}`).expect(401);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id WHERE l.course_id = $1`,
      [course.id],
    );
    expect(count).toBe(0);
  });
});

describe('resource lessons', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);

  it('stores an uploaded file and serves it as a download to enrolled learners only', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, publish: false });
    const lesson = await trainer.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'Handbook', kind: 'resource' }).expect(201);
    const attached = await trainer
      .post(`/api/lessons/${lesson.body.id}/resource`)
      .attach('file', pdf, { filename: 'Manuel pénal.pdf', contentType: 'application/pdf' })
      .expect(200);
    expect(attached.body.resource).toEqual({ fileName: 'Manuel pénal.pdf', contentType: 'application/pdf', size: pdf.length });
    await trainer.post(`/api/courses/${course.id}/publish`).expect(200);

    const learner = await enrolledLearner(course.id);
    const download = await learner
      .get(`/api/lessons/${lesson.body.id}/resource`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Manuel%20p%C3%A9nal.pdf");
    expect(download.headers['cache-control']).toContain('no-store');

    const stranger = await signIn(t.http, (await createUser(t.dataSource)).email);
    await stranger.get(`/api/lessons/${lesson.body.id}/resource`).expect(404);
    await otherTrainer.get(`/api/lessons/${lesson.body.id}/resource`).expect(404);
    await request(t.http).get(`/api/lessons/${lesson.body.id}/resource`).expect(401);
    await otherTrainer.post(`/api/lessons/${lesson.body.id}/resource`).attach('file', pdf, 'x.pdf').expect(404);

    // The file lives under the data folder with a name of our making.
    const stored = readdirSync(join(dataDir, 'uploads'));
    expect(stored.some((name) => name.includes('pénal'))).toBe(false);
  });

  it('refuses a file of a type not allowed, or whose content is not what its name says', async () => {
    const course = await buildCourse(trainer, { publish: false });
    const lesson = await trainer.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'Handbook', kind: 'resource' }).expect(201);
    const before = readdirSync(join(dataDir, 'uploads')).length;
    const exe = await trainer.post(`/api/lessons/${lesson.body.id}/resource`).attach('file', Buffer.from('MZ\x90\x00'), 'tool.exe');
    expect(exe.status).toBe(400);
    expect(exe.body.fields).toHaveProperty('file');
    const html = await trainer
      .post(`/api/lessons/${lesson.body.id}/resource`)
      .attach('file', Buffer.from('<script>alert(1)</script>'), 'notes.pdf');
    expect(html.status).toBe(400);
    expect(html.body.fields).toHaveProperty('file');
    const none = await trainer.post(`/api/lessons/${lesson.body.id}/resource`).field('other', 'x');
    expect(none.status).toBe(400);
    expect(none.body.fields).toHaveProperty('file');
    const text = await trainer.post(`/api/lessons/${course.textLessonIds[0]}/resource`).attach('file', pdf, 'a.pdf');
    expect(text.status).toBe(409);
    expect(readdirSync(join(dataDir, 'uploads')).length).toBe(before);
  });
});

describe('a trainer previewing a quiz', () => {
  /** Rows a preview must not add to: every table an attempt, a completion or an enrolment writes. */
  async function tally(courseId: string) {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM quiz_attempts) AS attempts,
              (SELECT count(*)::int FROM lesson_progress) AS progress,
              (SELECT count(*)::int FROM enrolments) AS enrolments,
              (SELECT count(*)::int FROM certificates) AS certificates,
              (SELECT max(last_activity_at) FROM enrolments WHERE course_id = $1) AS "lastActivity"`,
      [courseId],
    );
    return row;
  }

  it('grades as an attempt would and records nothing, not even an enrolment', async () => {
    // A quiz as the only lesson: a recorded pass would complete the course and issue a certificate.
    const course = await buildCourse(trainer, { textLessons: 0, quiz: { maxAttempts: 1, passMark: 100 } });
    const learner = await enrolledLearner(course.id);
    const before = await tally(course.id);

    const half = await trainer
      .post(`/api/lessons/${course.quizLessonId}/attempts/preview`)
      .send({
        answers: [
          { questionId: course.quiz!.questionIds[0], optionIds: course.quiz!.rightOptionIds[0] },
          { questionId: course.quiz!.questionIds[1], optionIds: [course.quiz!.wrongOptionIds[1]] },
        ],
      })
      .expect(200);
    expect(half.body).toEqual({
      score: 50,
      passed: false,
      topicsToRevisit: [],
      results: [
        { questionId: course.quiz!.questionIds[0], correct: true },
        { questionId: course.quiz!.questionIds[1], correct: false },
      ],
    });
    // Again and again: a preview has no attempt limit (this quiz allows a learner one).
    for (let i = 0; i < 2; i++) {
      const pass = await trainer.post(`/api/lessons/${course.quizLessonId}/attempts/preview`).send(answers(course, true)).expect(200);
      expect(pass.body).toMatchObject({ score: 100, passed: true });
      expect(pass.body.results[0].correctOptionIds).toEqual(course.quiz!.rightOptionIds[0]);
      expect(pass.body).not.toHaveProperty('enrolment');
      expect(pass.body).not.toHaveProperty('certificate');
    }
    expect(await tally(course.id)).toEqual(before);

    // The same answers from a learner are what they are for real: the grading is the same.
    const real = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    expect(real.body).toMatchObject({ score: 100, passed: true, enrolment: { status: 'completed' } });
  });

  it('lets an admin preview any course', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: null } });
    const admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
    const res = await admin.post(`/api/lessons/${course.quizLessonId}/attempts/preview`).send(answers(course, false)).expect(200);
    expect(res.body).toMatchObject({ score: 0, passed: false });
  });

  it('is 404 to learners, enrolled or not, and to trainers of other courses', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: null } });
    const enrolled = await enrolledLearner(course.id);
    const stranger = await signIn(t.http, (await createUser(t.dataSource)).email);
    const before = await tally(course.id);
    for (const agent of [enrolled, stranger, otherTrainer]) {
      const res = await agent.post(`/api/lessons/${course.quizLessonId}/attempts/preview`).send(answers(course, true));
      expect(res.status).toBe(404);
    }
    expect(await tally(course.id)).toEqual(before);
    await request(t.http).post(`/api/lessons/${course.quizLessonId}/attempts/preview`).send(answers(course, true)).expect(401);
  });

  it('names the field of a bad body, and refuses a lesson that is not a quiz', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: null } });
    const url = `/api/lessons/${course.quizLessonId}/attempts/preview`;
    const notArray = await trainer.post(url).send({ answers: 'all of them' });
    expect(notArray.status).toBe(400);
    expect(notArray.body.fields).toHaveProperty('answers');
    const notOption = await trainer
      .post(url)
      .send({ answers: [{ questionId: course.quiz!.questionIds[0], optionIds: [course.quiz!.wrongOptionIds[1]] }] });
    expect(notOption.status).toBe(400);
    expect(notOption.body.fields).toHaveProperty(['answers.0.optionIds']);
    const empty = await trainer.post(url).send({ answers: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toHaveProperty('answers');
    const text = await trainer.post(`/api/lessons/${course.textLessonIds[0]}/attempts/preview`).send(answers(course, true));
    expect(text.status).toBe(409);
    expect(text.body.code).toBe('not_a_quiz');
  });
});

describe('resuming from the list of my courses', () => {
  it('points each enrolment at its first lesson not done yet, in outline order', async () => {
    const course = await buildCourse(trainer, { textLessons: 3 });
    const learner = await enrolledLearner(course.id);
    const next = async () => (await learner.get('/api/me/enrolments').expect(200)).body.items[0].nextLessonId;
    expect(await next()).toBe(course.textLessonIds[0]);
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    await learner.post(`/api/lessons/${course.textLessonIds[2]}/complete`).expect(200);
    expect(await next()).toBe(course.textLessonIds[1]);
    await learner.post(`/api/lessons/${course.textLessonIds[1]}/complete`).expect(200);
    // Finished: back to the start, for a look back.
    expect(await next()).toBe(course.textLessonIds[0]);
  });
});

describe('queries per request', () => {
  it('stay the same however many lessons the course has, for the outline and for completing a lesson', async () => {
    const figures: Record<string, unknown> = {};
    for (const lessons of [2, 40]) {
      const course = await buildCourse(trainer, { textLessons: lessons, quiz: { maxAttempts: null } });
      const learner = await enrolledLearner(course.id);
      await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
      const outline = await countQueries(() => learner.get(`/api/courses/${course.id}`).expect(200));
      const complete = await countQueries(() => learner.post(`/api/lessons/${course.textLessonIds[1]}/complete`).expect(200));
      figures[lessons] = { outline: outline.statements, complete: complete.statements, completeTransaction: complete.transactionControl };
    }
    // Printed so the figures can be quoted; the assertion is that they do not grow.
    // eslint-disable-next-line no-console -- the figures are meant to be read in the test output
    console.log('SQL statements per request (session lookup included):', JSON.stringify(figures));
    expect(figures[40]).toEqual(figures[2]);
    expect((figures[2] as { outline: number }).outline).toBeLessThanOrEqual(3);
    // Session, the enrolment locked (with whether the course is sequential), settle: a course that
    // is not sequential has no order to read (learning/lesson-lock.ts).
    expect((figures[2] as { complete: number }).complete).toBeLessThanOrEqual(3);
  });
});

describe('the last activity on an enrolment', () => {
  it('moves on with each lesson done, each attempt started and each attempt, and completes the course as before', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: null } });
    const learner = await enrolledLearner(course.id);
    const mine = async () => (await learner.get('/api/me/enrolments').expect(200)).body.items[0];
    const seen: number[] = [];
    const stamp = async () => {
      const at = Date.parse((await mine()).lastActivityAt);
      expect(at).toBeGreaterThan(seen.at(-1) ?? 0);
      seen.push(at);
    };
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    await stamp();
    await learner.post(`/api/lessons/${course.quizLessonId}/attempts/start`).expect(200);
    await stamp();
    const failed = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
    expect(failed.body.enrolment.status).toBe('active');
    await stamp();
    const passed = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    expect(passed.body.enrolment).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    await stamp();
    expect(await mine()).toMatchObject({ status: 'completed', progress: 100 });
  });
});
