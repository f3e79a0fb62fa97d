import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { answers, buildCourse } from '../../test/courses.js';
import { countQueries } from '../../test/query-count.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { IdempotencyRepository } from './idempotency.repository.js';

let t: TestApp;
let trainer: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
});

afterAll(() => t.close());

async function enrolledLearner(courseId: string): Promise<{ agent: TestAgent; userId: string }> {
  const user = await createUser(t.dataSource);
  const agent = await signIn(t.http, user.email);
  await agent.post(`/api/courses/${courseId}/enrolments`).expect(201);
  return { agent, userId: user.id };
}

async function progressRows(userId: string, lessonId: string): Promise<number> {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM lesson_progress p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.user_id = $1 AND p.lesson_id = $2`,
    [userId, lessonId],
  );
  return row.n;
}

async function attemptRows(userId: string, lessonId: string): Promise<number> {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.user_id = $1 AND a.lesson_id = $2`,
    [userId, lessonId],
  );
  return row.n;
}

describe('an Idempotency-Key on a completion', () => {
  it('answers a replay with the first result and records the lesson once', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const { agent, userId } = await enrolledLearner(course.id);
    const key = randomUUID();
    const url = `/api/lessons/${course.textLessonIds[0]}/complete`;
    const first = await agent.post(url).set('Idempotency-Key', key).expect(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body.enrolment).toMatchObject({ progress: 50 });
    // The second lesson moves the enrolment on: a replay still answers what the first request did.
    await agent.post(`/api/lessons/${course.textLessonIds[1]}/complete`).expect(200);
    const replay = await agent.post(url).set('Idempotency-Key', key).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await progressRows(userId, course.textLessonIds[0]!)).toBe(1);
  });

  it('writes once when ten requests with one key race, and answers all ten alike', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    const { agent, userId } = await enrolledLearner(course.id);
    const key = `race-${randomUUID()}`;
    const url = `/api/lessons/${course.textLessonIds[0]}/complete`;
    const answersSeen = await Promise.all(Array.from({ length: 10 }, () => agent.post(url).set('Idempotency-Key', key)));
    expect(answersSeen.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(answersSeen.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    for (const r of answersSeen) expect(r.body).toEqual(answersSeen[0]!.body);
    // The course completed once: one certificate.
    expect(answersSeen.filter((r) => r.body.certificate).length).toBe(10);
    const certificates = new Set(answersSeen.map((r) => r.body.certificate.serial));
    expect(certificates.size).toBe(1);
    expect(await progressRows(userId, course.textLessonIds[0]!)).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1`, [userId]);
    expect(n).toBe(1);
  });

  it('refuses the same key with another request with 422', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const { agent, userId } = await enrolledLearner(course.id);
    const key = randomUUID();
    await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).set('Idempotency-Key', key).expect(200);
    const other = await agent.post(`/api/lessons/${course.textLessonIds[1]}/complete`).set('Idempotency-Key', key).expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await progressRows(userId, course.textLessonIds[1]!)).toBe(0);
  });

  it('keeps each user’s keys apart', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    const one = await enrolledLearner(course.id);
    const two = await enrolledLearner(course.id);
    const key = randomUUID();
    const url = `/api/lessons/${course.textLessonIds[0]}/complete`;
    await one.agent.post(url).set('Idempotency-Key', key).expect(200);
    const second = await two.agent.post(url).set('Idempotency-Key', key).expect(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await progressRows(two.userId, course.textLessonIds[0]!)).toBe(1);
  });

  it('refuses a malformed key with 400 naming the header, and writes nothing', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    const { agent, userId } = await enrolledLearner(course.id);
    const url = `/api/lessons/${course.textLessonIds[0]}/complete`;
    for (const bad of ['short', 'x'.repeat(201), 'has space in it', 'semi;colon-key']) {
      const res = await agent.post(url).set('Idempotency-Key', bad).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.fields)).toEqual(['Idempotency-Key']);
    }
    expect(await progressRows(userId, course.textLessonIds[0]!)).toBe(0);
    await agent.post(url).set('Idempotency-Key', 'ok:key_1.2-3').expect(200);
  });

  it('does not keep a failed request: the key is free for a retry', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: null } });
    const { agent } = await enrolledLearner(course.id);
    const key = randomUUID();
    await agent.post(`/api/lessons/${course.quizLessonId}/complete`).set('Idempotency-Key', key).expect(409);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]);
    expect(n).toBe(0);
  });

  it('forgets keys after 7 days: the key is new again, and the clean-up job deletes them', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const { agent, userId } = await enrolledLearner(course.id);
    const key = randomUUID();
    await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).set('Idempotency-Key', key).expect(200);
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE user_id = $1`, [userId]);
    // Past its time the key names a new request (here another lesson), not a reuse.
    const fresh = await agent.post(`/api/lessons/${course.textLessonIds[1]}/complete`).set('Idempotency-Key', key).expect(200);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await progressRows(userId, course.textLessonIds[1]!)).toBe(1);

    const keep = randomUUID();
    await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).set('Idempotency-Key', keep).expect(200);
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
    ]);
    expect(await t.app.get(IdempotencyRepository).prune()).toBeGreaterThanOrEqual(1);
    const left = await t.dataSource.query(`SELECT key FROM idempotency_keys WHERE user_id = $1`, [userId]);
    expect(left).toEqual([{ key: keep }]);
  });

  it('adds two statements to a completion when a key is sent, none otherwise', async () => {
    const course = await buildCourse(trainer, { textLessons: 3 });
    const { agent } = await enrolledLearner(course.id);
    const plain = await countQueries(() => agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200));
    const keyed = await countQueries(() =>
      agent.post(`/api/lessons/${course.textLessonIds[1]}/complete`).set('Idempotency-Key', randomUUID()).expect(200),
    );
    expect(keyed.statements - plain.statements).toBe(2);
    expect(keyed.transactionControl).toBe(plain.transactionControl);
  });
});

describe('an Idempotency-Key on a quiz attempt', () => {
  it('answers a replay with the same score and attempt, and uses no attempt more', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 3, passMark: 100 } });
    const { agent, userId } = await enrolledLearner(course.id);
    await agent.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    const key = randomUUID();
    const url = `/api/lessons/${course.quizLessonId}/attempts`;
    const first = await agent.post(url).set('Idempotency-Key', key).send(answers(course, false)).expect(200);
    expect(first.body).toMatchObject({ score: 0, passed: false, attemptsLeft: 2 });
    const replay = await agent.post(url).set('Idempotency-Key', key).send(answers(course, false)).expect(200);
    expect(replay.body).toEqual(first.body);
    expect(await attemptRows(userId, course.quizLessonId!)).toBe(1);
    const lesson = await agent.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(lesson.body.progress.attempts).toHaveLength(1);
    expect(lesson.body.progress.attemptsLeft).toBe(2);
    // Other answers under the same key are another request.
    const reused = await agent.post(url).set('Idempotency-Key', key).send(answers(course, true)).expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await attemptRows(userId, course.quizLessonId!)).toBe(1);
  });

  it('records one attempt when the same submission races with one key', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: null, passMark: 100 } });
    const { agent, userId } = await enrolledLearner(course.id);
    const key = randomUUID();
    const url = `/api/lessons/${course.quizLessonId}/attempts`;
    const all = await Promise.all(
      Array.from({ length: 10 }, () => agent.post(url).set('Idempotency-Key', key).send(answers(course, false))),
    );
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const r of all) expect(r.body).toEqual(all[0]!.body);
    expect(await attemptRows(userId, course.quizLessonId!)).toBe(1);
  });

  it('answers a replayed start with the attempt it started, after that attempt was submitted', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 3, passMark: 100 } });
    const { agent } = await enrolledLearner(course.id);
    const key = randomUUID();
    const url = `/api/lessons/${course.quizLessonId}/attempts/start`;
    const started = await agent.post(url).set('Idempotency-Key', key).expect(200);
    expect(started.body.quiz.attempt.attemptNumber).toBe(1);
    await agent.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
    const replay = await agent.post(url).set('Idempotency-Key', key).expect(200);
    expect(replay.body).toEqual(started.body);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_draws WHERE lesson_id = $1`, [course.quizLessonId]);
    expect(n).toBe(0);
  });
});

describe('without signing in', () => {
  it('is refused before any key is looked at', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    await request(t.http).post(`/api/lessons/${course.textLessonIds[0]}/complete`).set('Idempotency-Key', randomUUID()).expect(401);
  });
});
