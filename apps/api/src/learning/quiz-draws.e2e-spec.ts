import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let trainer: TestAgent;
let otherTrainer: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
});

afterAll(async () => {
  await t.close();
});

interface AuthorOption {
  id: string;
  text: string;
  correct: boolean;
  feedback?: string;
  match?: string;
  matchId?: string;
}
interface AuthorQuestion {
  id: string;
  type: string;
  prompt: string;
  topic: string | null;
  options: AuthorOption[];
  explanation?: string;
  numeric?: { answer: number; tolerance: number };
}
interface LearnerQuestion {
  id: string;
  type: string;
  topic: string | null;
  options: { id: string; text: string }[];
  matchChoices?: { id: string; text: string }[];
}

/** A published course with one text lesson (so passing the quiz does not end the course) and a quiz lesson. */
async function quizCourse(quiz: object): Promise<{ courseId: string; lessonId: string; pool: AuthorQuestion[] }> {
  const course = await trainer
    .post('/api/courses')
    .send({ title: 'Countering the financing of terrorism', summary: 'A test course', enrolmentPolicy: 'open' })
    .expect(201);
  const module = await trainer.post(`/api/courses/${course.body.id}/modules`).send({ title: 'Module 1' }).expect(201);
  await trainer.post(`/api/modules/${module.body.id}/lessons`).send({ title: 'Reading', kind: 'text', body: 'Read this.' }).expect(201);
  const lesson = await trainer.post(`/api/modules/${module.body.id}/lessons`).send({ title: 'Quiz', kind: 'quiz', quiz }).expect(201);
  await trainer.post(`/api/courses/${course.body.id}/publish`).expect(200);
  return { courseId: course.body.id, lessonId: lesson.body.id, pool: lesson.body.quiz.questions };
}

async function learnerOf(courseId: string): Promise<TestAgent> {
  const agent = await signIn(t.http, (await createUser(t.dataSource)).email);
  await agent.post(`/api/courses/${courseId}/enrolments`).expect(201);
  return agent;
}

const single = (n: number, topic: string | null = null) => ({
  type: 'single',
  prompt: `Question ${n}`,
  topic,
  options: [
    { text: `Right ${n}`, correct: true },
    { text: `Wrong ${n}`, correct: false },
  ],
});

function rightAnswer(q: AuthorQuestion) {
  if (q.type === 'ordering') return { questionId: q.id, order: q.options.map((o) => o.id) };
  if (q.type === 'matching') return { questionId: q.id, pairs: q.options.map((o) => ({ optionId: o.id, matchId: o.matchId! })) };
  if (q.type === 'numeric') return { questionId: q.id, value: q.numeric!.answer };
  return { questionId: q.id, optionIds: q.options.filter((o) => o.correct).map((o) => o.id) };
}

function wrongAnswer(q: AuthorQuestion) {
  if (q.type === 'ordering') return { questionId: q.id, order: q.options.map((o) => o.id).reverse() };
  if (q.type === 'matching') {
    const ids = q.options.map((o) => o.matchId!);
    return { questionId: q.id, pairs: q.options.map((o, i) => ({ optionId: o.id, matchId: ids[(i + 1) % ids.length]! })) };
  }
  if (q.type === 'numeric') return { questionId: q.id, value: q.numeric!.answer + q.numeric!.tolerance + 1 };
  return { questionId: q.id, optionIds: [q.options.find((o) => !o.correct)!.id] };
}

const byId = (pool: AuthorQuestion[], id: string) => pool.find((q) => q.id === id)!;

async function drawOf(learner: TestAgent, lessonId: string): Promise<LearnerQuestion[]> {
  return (await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.quiz.questions;
}

const shape = (questions: LearnerQuestion[]) => questions.map((q) => [q.id, ...q.options.map((o) => o.id)].join(':'));

describe('drawing questions from a pool', () => {
  it('keeps a draw of 5 from 20 across reads until it is submitted, then draws anew', async () => {
    const { lessonId, pool } = await quizCourse({
      passMark: 100,
      maxAttempts: null,
      drawCount: 5,
      shuffle: true,
      questions: Array.from({ length: 20 }, (_, i) => single(i + 1)),
    });
    const learner = await learnerOf((await t.dataSource.query(`SELECT course_id FROM lessons WHERE id = $1`, [lessonId]))[0].course_id);

    const first = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(first.body.quiz).toMatchObject({ poolSize: 20, drawCount: 5, shuffle: true, attempt: { attemptNumber: 1, deadline: null } });
    const draw1 = first.body.quiz.questions as LearnerQuestion[];
    expect(draw1).toHaveLength(5);
    expect(new Set(draw1.map((q) => q.id)).size).toBe(5);
    expect(shape(await drawOf(learner, lessonId))).toEqual(shape(draw1));

    // One wrong: not passed, so a second attempt follows with a draw of its own.
    const answers = draw1.map((q, i) => (i === 0 ? wrongAnswer(byId(pool, q.id)) : rightAnswer(byId(pool, q.id))));
    const result = await learner.post(`/api/lessons/${lessonId}/attempts`).send({ answers }).expect(200);
    expect(result.body).toMatchObject({ score: 80, passed: false, rightCount: 4, questionCount: 5, timedOut: false });

    const [stored] = await t.dataSource.query(`SELECT draw, results, started_at FROM quiz_attempts WHERE lesson_id = $1`, [lessonId]);
    expect(stored.draw.map((e: { questionId: string }) => e.questionId)).toEqual(draw1.map((q) => q.id));
    expect(stored.results.filter((r: { correct: boolean }) => r.correct)).toHaveLength(4);
    expect(stored.started_at).toEqual(expect.any(Date));
    expect(await t.dataSource.query(`SELECT 1 FROM quiz_draws WHERE lesson_id = $1`, [lessonId])).toHaveLength(0);

    const second = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(second.body.quiz.attempt.attemptNumber).toBe(2);
    const draw2 = second.body.quiz.questions as LearnerQuestion[];
    expect(draw2).toHaveLength(5);
    expect(draw2.map((q) => q.id)).not.toEqual(draw1.map((q) => q.id));
    expect(shape(await drawOf(learner, lessonId))).toEqual(shape(draw2));

    // Another learner's draw is their own.
    const other = await learnerOf(second.body.courseId);
    expect((await drawOf(other, lessonId)).map((q) => q.id)).not.toEqual(draw2.map((q) => q.id));
  });

  it('draws once when two first reads race', async () => {
    const { courseId, lessonId } = await quizCourse({
      passMark: 50,
      maxAttempts: 3,
      drawCount: 3,
      shuffle: true,
      questions: Array.from({ length: 10 }, (_, i) => single(i + 1)),
    });
    const learner = await learnerOf(courseId);
    const reads = await Promise.all(Array.from({ length: 6 }, () => learner.get(`/api/lessons/${lessonId}`).expect(200)));
    const shapes = reads.map((r) => shape(r.body.quiz.questions).join('|'));
    expect(new Set(shapes).size).toBe(1);
    expect(await t.dataSource.query(`SELECT 1 FROM quiz_draws WHERE lesson_id = $1`, [lessonId])).toHaveLength(1);
  });

  it('draws the count asked for each topic and nothing else', async () => {
    const questions = [
      ...Array.from({ length: 6 }, (_, i) => single(i, 'Financing')),
      ...Array.from({ length: 4 }, (_, i) => single(10 + i, 'Border control')),
      ...Array.from({ length: 3 }, (_, i) => single(20 + i, 'Cyber')),
      single(30),
    ];
    const { courseId, lessonId, pool } = await quizCourse({
      passMark: 50,
      maxAttempts: null,
      drawCount: 1,
      drawByTopic: [
        { topic: 'Financing', count: 2 },
        { topic: 'Border control', count: 3 },
      ],
      questions,
    });
    const author = await trainer.get(`/api/lessons/${lessonId}`).expect(200);
    // Per topic overrides a count.
    expect(author.body.quiz).toMatchObject({
      drawCount: null,
      drawByTopic: [
        { topic: 'Financing', count: 2 },
        { topic: 'Border control', count: 3 },
      ],
    });
    for (let i = 0; i < 3; i++) {
      const draw = await drawOf(await learnerOf(courseId), lessonId);
      const topics = draw.map((q) => byId(pool, q.id).topic);
      expect(topics.filter((x) => x === 'Financing')).toHaveLength(2);
      expect(topics.filter((x) => x === 'Border control')).toHaveLength(3);
      expect(draw).toHaveLength(5);
      expect(draw.map((q) => q.topic)).toEqual(topics);
    }
  });

  it('refuses draws the pool cannot give, naming the field', async () => {
    const course = await trainer
      .post('/api/courses')
      .send({ title: 'Draws', summary: 'A test course', enrolmentPolicy: 'open' })
      .expect(201);
    const module = await trainer.post(`/api/courses/${course.body.id}/modules`).send({ title: 'M' }).expect(201);
    const post = (quiz: object) => trainer.post(`/api/modules/${module.body.id}/lessons`).send({ title: 'Quiz', kind: 'quiz', quiz });
    const base = { passMark: 50, maxAttempts: null, questions: [single(1, 'A'), single(2, 'A'), single(3, 'B')] };
    let res = await post({ ...base, drawCount: 4 }).expect(400);
    expect(res.body.fields['quiz.drawCount']).toMatchObject({ code: 'not_enough_questions', params: { max: 3 } });
    res = await post({
      ...base,
      drawByTopic: [
        { topic: 'A', count: 1 },
        { topic: 'B', count: 2 },
      ],
    }).expect(400);
    expect(res.body.fields['quiz.drawByTopic.1.count']).toMatchObject({ code: 'not_enough_questions', params: { max: 1 } });
    res = await post({
      ...base,
      drawByTopic: [
        { topic: 'A', count: 1 },
        { topic: 'A', count: 1 },
      ],
    }).expect(400);
    expect(res.body.fields['quiz.drawByTopic'].code).toBe('duplicate_items');
    res = await post({ ...base, timeLimitMinutes: 601 }).expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['quiz.timeLimitMinutes']);
  });
});

/** One question of each new type, and a choice question with feedback, all under one topic each. */
const mixedQuestions = [
  {
    type: 'single',
    prompt: 'Which body adopted resolution 1373 (2001)?',
    topic: 'Legal framework',
    explanation: 'EXPLANATION-1373: the Security Council acted under Chapter VII.',
    options: [
      { text: 'The Security Council', correct: true, feedback: 'FEEDBACK-RIGHT-SC' },
      { text: 'The General Assembly', correct: false, feedback: 'FEEDBACK-WRONG-GA' },
    ],
  },
  {
    type: 'ordering',
    prompt: 'Put the stages of a criminal case in order',
    topic: 'Criminal justice',
    options: [{ text: 'Investigation' }, { text: 'Prosecution' }, { text: 'Adjudication' }, { text: 'Sentencing' }],
  },
  {
    type: 'matching',
    prompt: 'Match each instrument with its year',
    topic: 'Legal framework',
    options: [
      { text: 'Terrorist Bombings Convention', match: '1997' },
      { text: 'Terrorist Financing Convention', match: '1999' },
      { text: 'Nuclear Terrorism Convention', match: '2005' },
    ],
  },
  {
    type: 'numeric',
    prompt: 'How many universal legal instruments against terrorism are there?',
    topic: 'Treaties',
    explanation: 'EXPLANATION-NUMERIC',
    options: [],
    numeric: { answer: 19, tolerance: 0.5 },
  },
];

describe('matching, ordering and numeric questions', () => {
  it('grades each type right and wrong, all or nothing, on a learner attempt and a preview alike', async () => {
    const { courseId, lessonId, pool } = await quizCourse({ passMark: 100, maxAttempts: null, questions: mixedQuestions });
    const learner = await learnerOf(courseId);
    const draw = await drawOf(learner, lessonId);
    expect(draw.map((q) => q.type)).toEqual(['single', 'ordering', 'matching', 'numeric']);
    const [, ordering, matching, numeric] = pool;

    const wrong = await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: pool.map(wrongAnswer) })
      .expect(200);
    expect(wrong.body).toMatchObject({ score: 0, rightCount: 0, questionCount: 4, revealed: false });
    expect(wrong.body.topicsToRevisit).toEqual(['Legal framework', 'Criminal justice', 'Treaties']);

    // Three of four matched rightly is still wrong; an order with two swapped is wrong; 19.5 is within 0.5 of 19.
    const ids = matching!.options.map((o) => o.matchId!);
    const swapped = ordering!.options.map((o) => o.id);
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    const mostly = await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({
        answers: [
          rightAnswer(pool[0]!),
          { questionId: ordering!.id, order: swapped },
          {
            questionId: matching!.id,
            pairs: [
              { optionId: matching!.options[0]!.id, matchId: ids[0] },
              { optionId: matching!.options[1]!.id, matchId: ids[1] },
            ],
          },
          { questionId: numeric!.id, value: 19.5 },
        ],
      })
      .expect(200);
    expect(mostly.body).toMatchObject({ score: 50, rightCount: 2 });
    expect(mostly.body.topicsToRevisit).toEqual(['Criminal justice', 'Legal framework']);

    for (const [value, right] of [
      [18.5, true],
      [19.51, false],
      [-19, false],
    ] as const) {
      const preview = await trainer
        .post(`/api/lessons/${lessonId}/attempts/preview`)
        .send({ answers: [{ questionId: numeric!.id, value }] })
        .expect(200);
      expect(preview.body.results.find((r: { questionId: string }) => r.questionId === numeric!.id).correct).toBe(right);
    }

    const pass = await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: pool.map(rightAnswer) })
      .expect(200);
    expect(pass.body).toMatchObject({ score: 100, passed: true, revealed: true, topicsToRevisit: [] });
    expect(pass.body.results).toEqual([
      {
        questionId: pool[0]!.id,
        correct: true,
        correctOptionIds: [pool[0]!.options[0]!.id],
        chosenFeedback: ['FEEDBACK-RIGHT-SC'],
        explanation: 'EXPLANATION-1373: the Security Council acted under Chapter VII.',
      },
      { questionId: ordering!.id, correct: true, correctOrder: ordering!.options.map((o) => o.id), chosenFeedback: [] },
      {
        questionId: matching!.id,
        correct: true,
        correctPairs: matching!.options.map((o) => ({ optionId: o.id, matchId: o.matchId })),
        chosenFeedback: [],
      },
      { questionId: numeric!.id, correct: true, correctValue: 19, chosenFeedback: [], explanation: 'EXPLANATION-NUMERIC' },
    ]);
  });

  it('names the field of a badly authored question', async () => {
    const course = await trainer
      .post('/api/courses')
      .send({ title: 'Authoring', summary: 'A test course', enrolmentPolicy: 'open' })
      .expect(201);
    const module = await trainer.post(`/api/courses/${course.body.id}/modules`).send({ title: 'M' }).expect(201);
    const post = (questions: object[]) =>
      trainer
        .post(`/api/modules/${module.body.id}/lessons`)
        .send({ title: 'Quiz', kind: 'quiz', quiz: { passMark: 50, maxAttempts: null, questions } });
    const numeric = mixedQuestions[3]!;
    let res = await post([...mixedQuestions.slice(0, 3), { ...numeric, numeric: { answer: 19, tolerance: -1 } }]).expect(400);
    expect(res.body.fields['quiz.questions.3.numeric.tolerance'].code).toBe('too_small');
    res = await post([{ ...numeric, numeric: undefined }]).expect(400);
    expect(res.body.fields['quiz.questions.0.numeric'].code).toBe('required');
    res = await post([{ ...numeric, options: [{ text: '19' }] }]).expect(400);
    expect(res.body.fields['quiz.questions.0.options'].code).toBe('too_many_items');
    res = await post([{ ...mixedQuestions[2], options: [{ text: 'A', match: '1' }, { text: 'B' }] }]).expect(400);
    expect(res.body.fields['quiz.questions.0.options.1.match'].code).toBe('required');
    res = await post([
      {
        ...mixedQuestions[2],
        options: [
          { text: 'A', match: 'same' },
          { text: 'B', match: 'Same' },
        ],
      },
    ]).expect(400);
    expect(res.body.fields['quiz.questions.0.options'].code).toBe('duplicate_items');
    res = await post([{ ...mixedQuestions[1], options: [{ text: 'Only one' }] }]).expect(400);
    expect(res.body.fields['quiz.questions.0.options']).toMatchObject({ code: 'too_few_items', params: { min: 2 } });
  });

  it('names the field of a bad answer, and takes answers only to the questions drawn', async () => {
    const { courseId, lessonId, pool } = await quizCourse({
      passMark: 50,
      maxAttempts: 1,
      drawCount: 2,
      questions: [...mixedQuestions, single(5), single(6)],
    });
    const learner = await learnerOf(courseId);
    const drawn = new Set((await drawOf(learner, lessonId)).map((q) => q.id));
    const notDrawn = pool.find((q) => !drawn.has(q.id))!;
    let res = await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: [rightAnswer(notDrawn)] })
      .expect(400);
    expect(res.body.fields['answers.0.questionId'].code).toBe('not_a_question_of_quiz');

    const { lessonId: mixedId, pool: mixed } = await quizCourse({ passMark: 50, maxAttempts: 1, questions: mixedQuestions });
    const other = await learnerOf((await trainer.get(`/api/lessons/${mixedId}`).expect(200)).body.courseId);
    const [, ordering, matching] = mixed;
    res = await other
      .post(`/api/lessons/${mixedId}/attempts`)
      .send({ answers: [{ questionId: ordering!.id, order: ordering!.options.slice(1).map((o) => o.id) }] })
      .expect(400);
    expect(res.body.fields['answers.0.order'].code).toBe('not_an_order_of_options');
    res = await other
      .post(`/api/lessons/${mixedId}/attempts`)
      .send({
        answers: [
          rightAnswer(mixed[0]!),
          { questionId: matching!.id, pairs: matching!.options.map((o) => ({ optionId: o.id, matchId: matching!.options[0]!.matchId })) },
        ],
      })
      .expect(400);
    expect(res.body.fields['answers.1.pairs'].code).toBe('not_a_match_of_question');
    res = await other
      .post(`/api/lessons/${mixedId}/attempts`)
      .send({ answers: [{ questionId: mixed[3]!.id, value: 'nineteen' }] })
      .expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['answers.0.value']);
    // None of it cost the one attempt.
    const lesson = await other.get(`/api/lessons/${mixedId}`).expect(200);
    expect(lesson.body.progress).toMatchObject({ attempts: [], attemptsLeft: 1 });
  });
});

describe('what a learner may see before the answers are revealed', () => {
  it('shows no answer, feedback or explanation in the quiz or an attempt until passed', async () => {
    const { courseId, lessonId, pool } = await quizCourse({ passMark: 100, maxAttempts: 3, shuffle: true, questions: mixedQuestions });
    const learner = await learnerOf(courseId);
    const secrets =
      /"correct":|FEEDBACK-|EXPLANATION-|"numeric":|"matchId":|"match":|"feedback":|"explanation":|correctOptionIds|correctOrder|correctPairs|correctValue|"results":/;

    const lesson = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(JSON.stringify(lesson.body)).not.toMatch(secrets);
    const matching = (lesson.body.quiz.questions as LearnerQuestion[]).find((q) => q.type === 'matching')!;
    const matchIds = byId(pool, matching.id).options.map((o) => o.matchId);
    expect(matching.matchChoices!.map((c) => c.id).sort()).toEqual([...matchIds].sort());
    expect(matching.matchChoices!.map((c) => c.text).sort()).toEqual(['1997', '1999', '2005']);
    // The right-hand ids are not the items' ids, so a pair cannot be read off the ids.
    expect(matching.options.map((o) => o.id).some((id) => matchIds.includes(id))).toBe(false);

    const wrong = await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: pool.map(wrongAnswer) })
      .expect(200);
    expect(wrong.body.revealed).toBe(false);
    // In the order drawn, which is shuffled here.
    expect([...wrong.body.topicsToRevisit].sort()).toEqual(['Criminal justice', 'Legal framework', 'Treaties']);
    expect(JSON.stringify(wrong.body)).not.toMatch(secrets);
    expect(JSON.stringify((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body)).not.toMatch(secrets);

    await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: pool.map(rightAnswer) })
      .expect(200);
    const revealed = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(revealed.body.quiz.attempt).toBeNull();
    const text = JSON.stringify(revealed.body);
    expect(text).toContain('FEEDBACK-WRONG-GA');
    expect(text).toContain('EXPLANATION-1373');
    const ordering = (revealed.body.quiz.questions as LearnerQuestion[]).find((q) => q.type === 'ordering')!;
    expect(ordering.options.map((o) => o.text)).toEqual(['Investigation', 'Prosecution', 'Adjudication', 'Sentencing']);
  });
});

describe('a time limit', () => {
  it('is started by the learner, enforced by the server with a grace, and records what ran out', async () => {
    const { courseId, lessonId, pool } = await quizCourse({
      passMark: 100,
      maxAttempts: 4,
      timeLimitMinutes: 10,
      questions: [single(1), single(2)],
    });
    const learner = await learnerOf(courseId);
    const answers = { answers: pool.map(rightAnswer) };
    const partly = { answers: [rightAnswer(pool[0]!), wrongAnswer(pool[1]!)] };

    const before = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(before.body.quiz).toMatchObject({ timeLimitMinutes: 10, questions: [], attempt: null });
    expect((await learner.post(`/api/lessons/${lessonId}/attempts`).send(answers).expect(409)).body.code).toBe('quiz_not_started');

    const started = await learner.post(`/api/lessons/${lessonId}/attempts/start`).expect(200);
    const { attempt } = started.body.quiz;
    expect(started.body.quiz.questions).toHaveLength(2);
    expect(attempt.attemptNumber).toBe(1);
    expect(Date.parse(attempt.deadline) - Date.parse(attempt.startedAt)).toBe(10 * 60_000);
    const again = await learner.post(`/api/lessons/${lessonId}/attempts/start`).expect(200);
    expect(again.body.quiz.attempt).toEqual(attempt);
    expect(shape(again.body.quiz.questions)).toEqual(shape(started.body.quiz.questions));
    // Within the grace: 20 s past the deadline still counts.
    await t.dataSource.query(
      `UPDATE quiz_draws SET started_at = started_at - interval '10 minutes 20 seconds', deadline_at = deadline_at - interval '10 minutes 20 seconds' WHERE lesson_id = $1`,
      [lessonId],
    );
    const inTime = await learner.post(`/api/lessons/${lessonId}/attempts`).send(partly).expect(200);
    expect(inTime.body).toMatchObject({ score: 50, timedOut: false });

    // Past the grace: recorded, timed out, 0, whatever the answers.
    await learner.post(`/api/lessons/${lessonId}/attempts/start`).expect(200);
    await t.dataSource.query(
      `UPDATE quiz_draws SET started_at = now() - interval '11 minutes', deadline_at = now() - interval '1 minute' WHERE lesson_id = $1`,
      [lessonId],
    );
    const late = await learner.post(`/api/lessons/${lessonId}/attempts`).send(answers).expect(200);
    expect(late.body).toMatchObject({ score: 0, passed: false, timedOut: true, rightCount: 0, attemptsLeft: 2, revealed: false });

    // Started and left: the next read records it as timed out.
    await learner.post(`/api/lessons/${lessonId}/attempts/start`).expect(200);
    await t.dataSource.query(
      `UPDATE quiz_draws SET started_at = now() - interval '20 minutes', deadline_at = now() - interval '10 minutes' WHERE lesson_id = $1`,
      [lessonId],
    );
    const after = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(after.body.quiz).toMatchObject({ questions: [], attempt: null });
    expect(after.body.progress).toMatchObject({ attemptsLeft: 1 });
    expect(after.body.progress.attempts.map((a: { score: number; timedOut: boolean }) => [a.score, a.timedOut])).toEqual([
      [50, false],
      [0, true],
      [0, true],
    ]);
    const rows = await t.dataSource.query(
      `SELECT attempt_number, timed_out, started_at IS NOT NULL AS started FROM quiz_attempts WHERE lesson_id = $1 ORDER BY 1`,
      [lessonId],
    );
    expect(rows).toEqual([
      { attempt_number: 1, timed_out: false, started: true },
      { attempt_number: 2, timed_out: true, started: true },
      { attempt_number: 3, timed_out: true, started: true },
    ]);
    expect(await t.dataSource.query(`SELECT 1 FROM quiz_draws WHERE lesson_id = $1`, [lessonId])).toHaveLength(0);

    const last = await learner.post(`/api/lessons/${lessonId}/attempts/start`).expect(200);
    expect(last.body.quiz.attempt.attemptNumber).toBe(4);
    await learner.post(`/api/lessons/${lessonId}/attempts`).send(answers).expect(200);
    expect((await learner.post(`/api/lessons/${lessonId}/attempts/start`).expect(409)).body.code).toBe('quiz_already_passed');
  });
});

describe('item analysis', () => {
  it("measures each question on learners' first attempts, as computed by hand", async () => {
    const { courseId, lessonId, pool } = await quizCourse({
      passMark: 100,
      maxAttempts: null,
      questions: [1, 2, 3, 4].map((n) => single(n)),
    });
    // Rows: learners; columns: questions 1–4 right (1) or wrong (0) on their first attempt.
    const patterns = [
      [1, 1, 1, 1],
      [1, 1, 0, 1],
      [1, 0, 0, 1],
      [0, 1, 0, 1],
      [1, 0, 1, 1],
      [0, 0, 0, 1],
    ];
    for (const pattern of patterns) {
      const learner = await learnerOf(courseId);
      const answers = pool.map((q, i) => (pattern[i] ? rightAnswer(q) : wrongAnswer(q)));
      await learner.post(`/api/lessons/${lessonId}/attempts`).send({ answers }).expect(200);
      // A second try, all right, must not count.
      if (pattern[0] === 0)
        await learner
          .post(`/api/lessons/${lessonId}/attempts`)
          .send({ answers: pool.map(rightAnswer) })
          .expect(200);
    }

    const analysis = await trainer.get(`/api/lessons/${lessonId}/item-analysis`).expect(200);
    expect(analysis.body.attempts).toBe(6);
    const [q1, q2, q3, q4] = analysis.body.questions;
    // Question 1: right 4/6. x = 1,1,1,0,1,0 against the rest of each attempt (others right / 3)
    // y = 1, 2/3, 1/3, 2/3, 2/3, 1/3; mean x 2/3, mean y 11/18; Σdxdy = 2/9, Σdx² = 4/3, Σdy² = 17/54;
    // r = (2/9) / √(4/3 · 17/54) = 0.3430.
    expect(q1).toMatchObject({ questionId: pool[0]!.id, drawn: 6, correctShare: 0.6667, flag: null });
    expect(q1.discrimination).toBeCloseTo(0.343, 3);
    expect(q1.options).toEqual([
      { id: pool[0]!.options[0]!.id, text: 'Right 1', correct: true, chosen: 4 },
      { id: pool[0]!.options[1]!.id, text: 'Wrong 1', correct: false, chosen: 2 },
    ]);
    // Question 2: right 3/6, and no better among those who did well elsewhere: r = 0.
    expect(q2).toMatchObject({ correctShare: 0.5, discrimination: 0, flag: 'low_discrimination' });
    expect(q3).toMatchObject({ correctShare: 0.3333, flag: null });
    expect(q3.discrimination).toBeCloseTo(0.343, 3);
    // Question 4: everyone right; a constant item has no correlation.
    expect(q4).toMatchObject({ correctShare: 1, discrimination: null, flag: 'all_correct' });
  });

  it('is for the course’s trainers only: 404 for a trainer of another course', async () => {
    const { courseId, lessonId } = await quizCourse({ passMark: 50, maxAttempts: null, questions: [single(1, 'A')] });
    const res = await otherTrainer.get(`/api/lessons/${lessonId}/item-analysis`).expect(404);
    expect(res.body.code).toBe('not_found');
    await otherTrainer.get(`/api/courses/${courseId}/questions`).expect(404);
    const learner = await learnerOf(courseId);
    await learner.get(`/api/lessons/${lessonId}/item-analysis`).expect(403);
  });
});

describe("a course's question bank", () => {
  it('lists every question of its quizzes with answers, by topic and text', async () => {
    const { courseId, lessonId } = await quizCourse({ passMark: 50, maxAttempts: null, questions: mixedQuestions });
    const modules = (await trainer.get(`/api/courses/${courseId}`).expect(200)).body.modules;
    await trainer
      .post(`/api/modules/${modules[0].id}/lessons`)
      .send({
        title: 'Second quiz',
        kind: 'quiz',
        quiz: { passMark: 50, maxAttempts: null, questions: [single(1, 'Border control'), single(2)] },
      })
      .expect(201);

    const all = await trainer.get(`/api/courses/${courseId}/questions`).expect(200);
    expect(all.body.topics).toEqual(['Border control', 'Criminal justice', 'Legal framework', 'Treaties']);
    expect(all.body.items).toHaveLength(6);
    expect(all.body.items[0]).toMatchObject({
      lessonId,
      lessonTitle: 'Quiz',
      question: { type: 'single', options: [{ correct: true }, { correct: false }] },
    });
    expect(all.body.items[3].question.numeric).toEqual({ answer: 19, tolerance: 0.5 });

    const legal = await trainer.get(`/api/courses/${courseId}/questions?topic=Legal%20framework`).expect(200);
    expect(legal.body.items.map((i: { question: { type: string } }) => i.question.type)).toEqual(['single', 'matching']);
    expect(legal.body.topics).toHaveLength(4);
    const text = await trainer.get(`/api/courses/${courseId}/questions?q=INSTRUMENT`).expect(200);
    expect(text.body.items.map((i: { question: { type: string } }) => i.question.type)).toEqual(['matching', 'numeric']);
  });
});

describe('changing a quiz that has attempts', () => {
  it('keeps old attempts readable, grades a draw in progress on what remains, and never draws a removed question', async () => {
    const { courseId, lessonId, pool } = await quizCourse({
      passMark: 100,
      maxAttempts: null,
      questions: [single(1), single(2), single(3)],
    });
    const learner = await learnerOf(courseId);
    await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: [wrongAnswer(pool[0]!)] })
      .expect(200);
    await drawOf(learner, lessonId);

    // Question 3 goes; the others keep their ids; a new one arrives.
    const kept = pool.slice(0, 2).map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct })),
    }));
    await trainer
      .patch(`/api/lessons/${lessonId}`)
      .send({ quiz: { passMark: 100, maxAttempts: null, questions: [...kept, single(4)] } })
      .expect(200);

    const inProgress = await drawOf(learner, lessonId);
    expect(inProgress.map((q) => q.id)).toEqual([pool[0]!.id, pool[1]!.id]);
    const graded = await learner
      .post(`/api/lessons/${lessonId}/attempts`)
      .send({ answers: pool.slice(0, 2).map(rightAnswer) })
      .expect(200);
    expect(graded.body).toMatchObject({ score: 100, passed: true, questionCount: 2 });

    const lesson = await learner.get(`/api/lessons/${lessonId}`).expect(200);
    expect(lesson.body.progress.attempts.map((a: { score: number }) => a.score)).toEqual([0, 100]);
    const other = await learnerOf(courseId);
    const fresh = await drawOf(other, lessonId);
    expect(fresh.map((q) => q.id)).not.toContain(pool[2]!.id);
    expect(fresh).toHaveLength(3);
    const analysis = await trainer.get(`/api/lessons/${lessonId}/item-analysis`).expect(200);
    expect(analysis.body.attempts).toBe(1);
    expect(analysis.body.questions.map((q: { drawn: number }) => q.drawn)).toEqual([1, 1, 0]);
  });
});
