import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type TestAgent from 'supertest/lib/agent.js';
import { answers, buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let dataDir: string;
let trainer: TestAgent;
let otherTrainer: TestAgent;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctlp-lesson-kinds-'));
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

const QUIZ = {
  passMark: 50,
  maxAttempts: 3,
  questions: [
    {
      type: 'single',
      prompt: 'Who adopts Security Council resolutions?',
      options: [
        { text: 'The Security Council', correct: true },
        { text: 'The Secretariat', correct: false },
      ],
    },
  ],
};

describe("changing a lesson's kind", () => {
  it('turns a text lesson into a video only with an allowed video address, and back into text with its text kept', async () => {
    const course = await buildCourse(trainer, { publish: false });
    const id = course.textLessonIds[0]!;

    const missing = await trainer.patch(`/api/lessons/${id}`).send({ kind: 'video' }).expect(400);
    expect(missing.body.fields.videoUrl.code).toBe('video_url_required');
    const elsewhere = await trainer.patch(`/api/lessons/${id}`).send({ kind: 'video', videoUrl: 'https://evil.example/v.mp4' }).expect(400);
    expect(elsewhere.body.fields.videoUrl.code).toBe('video_url_not_allowed');
    expect((await trainer.get(`/api/lessons/${id}`).expect(200)).body.kind).toBe('text');

    const video = await trainer
      .patch(`/api/lessons/${id}`)
      .send({ kind: 'video', videoUrl: 'https://www.youtube.com/watch?v=abc', transcript: 'Words spoken' })
      .expect(200);
    expect(video.body).toMatchObject({ kind: 'video', videoUrl: 'https://www.youtube.com/watch?v=abc', transcript: 'Words spoken' });
    const outline = await trainer.get(`/api/courses/${course.id}`).expect(200);
    expect(outline.body.modules[0].lessons[0]).toMatchObject({ id, kind: 'video' });

    const text = await trainer.patch(`/api/lessons/${id}`).send({ kind: 'text' }).expect(200);
    expect(text.body.kind).toBe('text');
    expect(text.body.body).toContain('The rule of law.');
  });

  it('turns a text lesson into a quiz only with its questions', async () => {
    const course = await buildCourse(trainer, { publish: false });
    const id = course.textLessonIds[0]!;
    const missing = await trainer.patch(`/api/lessons/${id}`).send({ kind: 'quiz' }).expect(400);
    expect(missing.body.fields.quiz.code).toBe('quiz_required');
    const quiz = await trainer.patch(`/api/lessons/${id}`).send({ kind: 'quiz', quiz: QUIZ }).expect(200);
    expect(quiz.body).toMatchObject({ kind: 'quiz', quiz: { passMark: 50, maxAttempts: 3 } });
    expect(quiz.body.quiz.questions).toHaveLength(1);
  });

  it('drops the questions of a quiz nobody attempted when it becomes text', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: 3 } });
    const text = await trainer.patch(`/api/lessons/${course.quizLessonId}`).send({ kind: 'text', body: 'Read this instead.' }).expect(200);
    expect(text.body).toMatchObject({ kind: 'text', quiz: null });
    expect(text.body.body).toBe('Read this instead.');
    // Back to a quiz, it needs questions again: the old ones are gone.
    const again = await trainer.patch(`/api/lessons/${course.quizLessonId}`).send({ kind: 'quiz' }).expect(400);
    expect(again.body.fields.quiz.code).toBe('quiz_required');
  });

  it('refuses to change the kind of a quiz a learner has attempted, and changes nothing', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: 3 } });
    const learner = await enrolledLearner(course.id);
    await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);

    const refused = await trainer.patch(`/api/lessons/${course.quizLessonId}`).send({ kind: 'text', title: 'Renamed' }).expect(409);
    expect(refused.body.code).toBe('quiz_has_attempts');
    const lesson = await trainer.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(lesson.body).toMatchObject({ kind: 'quiz', title: 'Check your understanding' });
    expect(lesson.body.quiz.questions).toHaveLength(2);
    // Saying the kind it already has is no change.
    await trainer.patch(`/api/lessons/${course.quizLessonId}`).send({ kind: 'quiz', title: 'Renamed' }).expect(200);
  });

  it('refuses an unknown kind with the field named, and a stranger with 404', async () => {
    const course = await buildCourse(trainer, { publish: false });
    const bad = await trainer.patch(`/api/lessons/${course.textLessonIds[0]}`).send({ kind: 'podcast' }).expect(400);
    expect(bad.body.fields).toHaveProperty('kind');
    await otherTrainer
      .patch(`/api/lessons/${course.textLessonIds[0]}`)
      .send({ kind: 'video', videoUrl: 'https://vimeo.com/1' })
      .expect(404);
  });
});

describe('an empty quiz submission', () => {
  it('is refused with the field named and uses up no attempt; a partly answered one counts', async () => {
    const course = await buildCourse(trainer, { quiz: { maxAttempts: 3, passMark: 100 } });
    const learner = await enrolledLearner(course.id);
    const url = `/api/lessons/${course.quizLessonId}/attempts`;

    const none = await learner.post(url).send({ answers: [] }).expect(400);
    expect(none.body.fields.answers.code).toBe('no_question_answered');
    const blank = await learner
      .post(url)
      .send({ answers: course.quiz!.questionIds.map((questionId) => ({ questionId, optionIds: [] })) })
      .expect(400);
    expect(blank.body.fields.answers.code).toBe('no_question_answered');
    let lesson = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(lesson.body.progress.attemptsLeft).toBe(3);
    expect(lesson.body.progress.attempts).toEqual([]);

    const partial = await learner
      .post(url)
      .send({ answers: [{ questionId: course.quiz!.questionIds[0], optionIds: course.quiz!.rightOptionIds[0] }] })
      .expect(200);
    expect(partial.body).toMatchObject({ score: 50, passed: false, attemptsLeft: 2 });
    lesson = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(lesson.body.progress.attemptsLeft).toBe(2);
  });
});
