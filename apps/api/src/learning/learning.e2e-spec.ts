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
    expect(half.body).toMatchObject({ score: 50, passed: false, attemptsLeft: 2 });
    expect(half.body.results.map((r: { correct: boolean }) => r.correct)).toEqual([true, false]);
    expect(half.body.enrolment.status).toBe('active');

    const pass = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    expect(pass.body).toMatchObject({ score: 100, passed: true, attemptsLeft: 1 });
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
    // Per-question feedback (right or wrong) but not which option was right.
    expect(JSON.stringify(firstTry.body)).not.toMatch(/correctOptionIds/);
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

describe('enrolment', () => {
  it('follows the course policy: open, approval with a trainer decision, invitation', async () => {
    const approval = await buildCourse(trainer, { course: { enrolmentPolicy: 'approval' } });
    const invitation = await buildCourse(trainer, { course: { enrolmentPolicy: 'invitation' } });
    const user = await createUser(t.dataSource);
    const learner = await signIn(t.http, user.email);

    const requested = await learner.post(`/api/courses/${approval.id}/enrolments`).expect(201);
    expect(requested.body.enrolment.status).toBe('pending');
    await learner.post(`/api/courses/${approval.id}/enrolments`).expect(200);
    await otherTrainer.post(`/api/enrolments/${requested.body.enrolment.id}/approve`).expect(404);
    const approved = await trainer.post(`/api/enrolments/${requested.body.enrolment.id}/approve`).expect(200);
    expect(approved.body.enrolment.status).toBe('active');
    await trainer.post(`/api/enrolments/${requested.body.enrolment.id}/reject`).expect(409);

    const refused = await learner.post(`/api/courses/${invitation.id}/enrolments`).expect(403);
    expect(refused.body.message).toMatch(/invitation/i);

    const rejectedUser = await signIn(t.http, (await createUser(t.dataSource)).email);
    const second = await rejectedUser.post(`/api/courses/${approval.id}/enrolments`).expect(201);
    await trainer.post(`/api/enrolments/${second.body.enrolment.id}/reject`).expect(200);
    await rejectedUser.post(`/api/courses/${approval.id}/enrolments`).expect(409);

    const audit = await t.dataSource.query(
      `SELECT action, subject_id FROM audit_events WHERE subject_type = 'enrolment' ORDER BY created_at, id`,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'enrolment.approved', subject_id: requested.body.enrolment.id },
        { action: 'enrolment.rejected', subject_id: second.body.enrolment.id },
      ]),
    );
  });

  it('keeps pending and suspended accounts out', async () => {
    const course = await buildCourse(trainer);
    for (const status of ['pending', 'suspended'] as const) {
      const user = await createUser(t.dataSource, { status });
      const agent = request.agent(t.http);
      const login = await agent.post('/api/auth/login').send({ email: user.email, password: 'correct horse battery staple' });
      if (login.status === 200) await agent.post(`/api/courses/${course.id}/enrolments`).expect(403);
    }
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM enrolments WHERE course_id = $1`, [course.id]);
    expect(count).toBe(0);
  });

  it('enrols from a CSV with a per-row report, and the same file again changes nothing', async () => {
    const course = await buildCourse(trainer, { course: { enrolmentPolicy: 'invitation' } });
    const a = await createUser(t.dataSource, { email: 'amina.diallo@example.org' });
    await createUser(t.dataSource, { email: 'ivan.petrov@example.org' });
    await createUser(t.dataSource, { email: 'suspended.one@example.org', status: 'suspended' });
    const pendingRequest = await createUser(t.dataSource, { email: 'li.wei@example.org' });
    await t.dataSource.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'pending', 'self')`, [
      course.id,
      pendingRequest.id,
    ]);
    const already = await createUser(t.dataSource, { email: 'already@example.org' });
    await t.dataSource.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'trainer')`, [
      course.id,
      already.id,
    ]);

    const csv =
      '\uFEFFName,Email\r\nAmina,Amina.Diallo@example.org\r\nIvan,ivan.petrov@example.org\r\nLi,li.wei@example.org\r\nX,already@example.org\r\nY,nobody@example.org\r\nZ,not-an-email\r\nS,suspended.one@example.org\r\n';
    const first = await trainer.post(`/api/courses/${course.id}/enrolments/bulk`).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(first.body).toEqual({
      enrolled: expect.arrayContaining(['amina.diallo@example.org', 'ivan.petrov@example.org', 'li.wei@example.org']),
      alreadyEnrolled: ['already@example.org'],
      unknown: ['nobody@example.org', 'suspended.one@example.org'],
      invalid: ['not-an-email'],
    });
    expect(first.body.enrolled).toHaveLength(3);
    const snapshot = await t.dataSource.query(
      `SELECT user_id, status, source, enrolled_at FROM enrolments WHERE course_id = $1 ORDER BY user_id`,
      [course.id],
    );
    expect(snapshot.every((row: { status: string }) => row.status === 'active')).toBe(true);

    const again = await trainer.post(`/api/courses/${course.id}/enrolments/bulk`).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(again.body.enrolled).toEqual([]);
    expect(again.body.alreadyEnrolled).toHaveLength(4);
    expect(
      await t.dataSource.query(`SELECT user_id, status, source, enrolled_at FROM enrolments WHERE course_id = $1 ORDER BY user_id`, [
        course.id,
      ]),
    ).toEqual(snapshot);

    const enrolledA = await signIn(t.http, a.email);
    await enrolledA.get(`/api/lessons/${course.textLessonIds[0]}`).expect(200);

    const noEmail = await trainer.post(`/api/courses/${course.id}/enrolments/bulk`).set('Content-Type', 'text/csv').send('name\nAmina\n');
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.fields).toHaveProperty('file');
    const empty = await trainer.post(`/api/courses/${course.id}/enrolments/bulk`).set('Content-Type', 'text/csv').send('');
    expect(empty.status).toBe(400);
    await otherTrainer.post(`/api/courses/${course.id}/enrolments/bulk`).set('Content-Type', 'text/csv').send(csv).expect(404);

    const audit = await t.dataSource.query(
      `SELECT data FROM audit_events WHERE action = 'enrolment.bulk' AND subject_id = $1 ORDER BY created_at, id`,
      [course.id],
    );
    expect(audit.map((row: { data: { enrolled: number } }) => row.data.enrolled)).toEqual([3, 0]);
  });

  it('lists learners with progress, and downloads them as a CSV safe for spreadsheets', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const names = [
      '=HYPERLINK("http://evil.example","x")',
      '+SUM(A1)',
      '-1+2',
      '@cmd',
      '\tTabbed',
      '\rReturn',
      'Ольга Иванова',
      'محمد علي',
    ];
    for (const fullName of names) {
      const agent = await signIn(t.http, (await createUser(t.dataSource, { fullName })).email);
      await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
      if (fullName === 'Ольга Иванова') await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    }
    const list = await trainer.get(`/api/courses/${course.id}/enrolments`).expect(200);
    expect(list.body.total).toBe(names.length);
    const olga = list.body.items.find((i: { fullName: string }) => i.fullName === 'Ольга Иванова');
    expect(olga).toMatchObject({ progress: 50, status: 'active', lastActivityAt: expect.any(String) });

    const csv = await trainer
      .get(`/api/courses/${course.id}/enrolments`)
      .query({ format: 'csv' })
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment;/);
    const text = csv.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain("'+SUM(A1)");
    expect(text).toContain("'-1+2");
    expect(text).toContain("'@cmd");
    expect(text).toContain("'\tTabbed");
    expect(text).toContain("'\rReturn");
    expect(text).toContain('Ольга Иванова');
    expect(text).toContain('محمد علي');
    // No cell starts with a formula character.
    expect(text).not.toMatch(/(^|,)"?([=+@\t-]|\r(?!\n))/m);
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
    expect((figures[2] as { complete: number }).complete).toBeLessThanOrEqual(3);
  });
});
