import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse, type BuiltCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let trainer: TestAgent;
let otherTrainer: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
});

afterAll(() => t.close());

interface Item {
  id: string;
  kind: 'likert' | 'text';
  prompt: string;
}

/** A learner enrolled in the course who has completed its one text lesson. */
async function finisher(course: BuiltCourse): Promise<TestAgent> {
  const agent = await signIn(t.http, (await createUser(t.dataSource)).email);
  await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
  await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
  return agent;
}

const answersTo = (items: Item[], rating: number, text: string) => ({
  answers: items.map((item) => (item.kind === 'likert' ? { itemId: item.id, rating } : { itemId: item.id, text })),
});

describe('course evaluation', () => {
  it("offers default items in the course's language until its trainers write their own", async () => {
    const course = await buildCourse(trainer, { course: { language: 'fr' } });
    const { body } = await trainer.get(`/api/courses/${course.id}/evaluation`).expect(200);
    expect(body.isDefault).toBe(true);
    expect(body.items).toHaveLength(7);
    expect(body.items[0]).toMatchObject({ kind: 'likert', prompt: 'Le cours a atteint les objectifs annoncés.' });
    // The same ids on every read, so answers to them stay with them once the trainers edit.
    const again = await trainer.get(`/api/courses/${course.id}/evaluation`).expect(200);
    expect(again.body.items.map((i: Item) => i.id)).toEqual(body.items.map((i: Item) => i.id));

    const saved = await trainer
      .put(`/api/courses/${course.id}/evaluation`)
      .send({
        items: [
          { id: body.items[0].id, kind: 'likert', prompt: 'Clair ?' },
          { kind: 'text', prompt: 'Un mot ?' },
        ],
      })
      .expect(200);
    expect(saved.body.isDefault).toBe(false);
    expect(saved.body.items).toEqual([
      { id: body.items[0].id, kind: 'likert', prompt: 'Clair ?' },
      { id: expect.any(String), kind: 'text', prompt: 'Un mot ?' },
    ]);
    const stranger = await trainer
      .put(`/api/courses/${course.id}/evaluation`)
      .send({ items: [{ id: '00000000-0000-4000-8000-000000000000', kind: 'likert', prompt: 'X' }] })
      .expect(400);
    expect(stranger.body.fields['items.0.id'].code).toBe('not_an_item_of_evaluation');
    const empty = await trainer.put(`/api/courses/${course.id}/evaluation`).send({ items: [] }).expect(400);
    expect(Object.keys(empty.body.fields)).toEqual(['items']);
  });

  it('takes anonymous answers once per enrolment after the end, and hides every figure below five responses', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    const items: Item[] = (await trainer.get(`/api/courses/${course.id}/evaluation`).expect(200)).body.items;

    // Not before the end of the course.
    const early = await signIn(t.http, (await createUser(t.dataSource)).email);
    await early.post(`/api/courses/${course.id}/enrolments`).expect(201);
    const view = await early.get(`/api/courses/${course.id}/evaluation`).expect(200);
    expect(view.body.learner).toEqual({ open: false, answered: false });
    const notYet = await early
      .post(`/api/courses/${course.id}/evaluation/responses`)
      .send(answersTo(items, 4, 'Early'))
      .expect(409);
    expect(notYet.body.code).toBe('evaluation_not_open');

    const learners = [] as TestAgent[];
    for (let i = 0; i < 4; i++) learners.push(await finisher(course));
    for (const [i, learner] of learners.entries()) {
      await learner
        .post(`/api/courses/${course.id}/evaluation/responses`)
        .send(answersTo(items, i + 2, `Answer ${4 - i}`))
        .expect(204);
    }
    const twice = await learners[0]!
      .post(`/api/courses/${course.id}/evaluation/responses`)
      .send(answersTo(items, 1, 'Again'))
      .expect(409);
    expect(twice.body.code).toBe('evaluation_already_answered');
    expect((await learners[0]!.get(`/api/courses/${course.id}/evaluation`).expect(200)).body.learner).toEqual({
      open: true,
      answered: true,
    });
    // Their personal data says they answered, and the month, never what: the response is no one's.
    const data = await learners[0]!.get('/api/me/data').expect(200);
    expect(data.body.enrolments[0].evaluationAnswered).toMatch(/^\d{4}-\d{2}$/);
    expect(JSON.stringify(data.body)).not.toContain('Answer 4');

    // Four responses: the API sends the items and nothing else, not even the count.
    const hidden = await trainer.get(`/api/courses/${course.id}/evaluation/results`).expect(200);
    expect(hidden.body).toEqual({ threshold: 5, shown: false, responses: null, items });
    expect(JSON.stringify(hidden.body)).not.toContain('Answer');

    const fifth = await finisher(course);
    await fifth
      .post(`/api/courses/${course.id}/evaluation/responses`)
      .send({
        answers: [
          { itemId: items[0]!.id, rating: 5 },
          { itemId: items[5]!.id, text: 'Answer 0' },
        ],
      })
      .expect(204);
    const shown = await trainer.get(`/api/courses/${course.id}/evaluation/results`).expect(200);
    expect(shown.body).toMatchObject({ shown: true, responses: 5 });
    // Ratings 2, 3, 4, 5 and 5.
    expect(shown.body.items[0]).toEqual({ ...items[0], count: 5, mean: 3.8, distribution: [0, 1, 1, 1, 2] });
    expect(shown.body.items[1]).toEqual({ ...items[1], count: 4, mean: 3.5, distribution: [0, 1, 1, 1, 1] });
    // Texts in alphabetical order, not in the order given.
    expect(shown.body.items[5]).toEqual({ ...items[5], count: 5, texts: ['Answer 0', 'Answer 1', 'Answer 2', 'Answer 3', 'Answer 4'] });

    // Nothing stored links a response to a learner or an enrolment, or says when beyond the month.
    const columns: Array<{ column_name: string }> = await t.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'evaluation_responses' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'course_id', 'month', 'answers']);
    const [submission] = await t.dataSource.query(`SELECT * FROM evaluation_submissions LIMIT 1`);
    expect(Object.keys(submission).sort()).toEqual(['enrolment_id', 'month']);
    const responses: Array<{ month: string; answers: unknown }> = await t.dataSource.query(
      `SELECT to_char(month, 'DD') AS month, answers::text AS answers FROM evaluation_responses WHERE course_id = $1`,
      [course.id],
    );
    expect(responses.every((r) => r.month === '01')).toBe(true);
    expect(JSON.stringify(responses)).not.toMatch(/user|enrolment/i);
  });

  it('checks each answer against its item', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    const items: Item[] = (await trainer.get(`/api/courses/${course.id}/evaluation`).expect(200)).body.items;
    const learner = await finisher(course);
    const bad = await learner
      .post(`/api/courses/${course.id}/evaluation/responses`)
      .send({
        answers: [
          { itemId: items[0]!.id, text: 'Words for a rating' },
          { itemId: '00000000-0000-4000-8000-000000000000', rating: 3 },
          { itemId: items[5]!.id, rating: 2 },
        ],
      })
      .expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['answers.0', 'answers.1.itemId', 'answers.2']);
    const outOfRange = await learner
      .post(`/api/courses/${course.id}/evaluation/responses`)
      .send({ answers: [{ itemId: items[0]!.id, rating: 6 }] })
      .expect(400);
    expect(Object.keys(outOfRange.body.fields)).toEqual(['answers.0.rating']);
    // Refused answers did not count as answering.
    await learner
      .post(`/api/courses/${course.id}/evaluation/responses`)
      .send({ answers: [{ itemId: items[0]!.id, rating: 3 }] })
      .expect(204);
  });

  it('answers 404 to everyone but its trainers, admins and its learners', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    const learner = await finisher(course);
    const outsider = await signIn(t.http, (await createUser(t.dataSource)).email);
    const admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
    const base = `/api/courses/${course.id}/evaluation`;
    await outsider.get(base).expect(404);
    await otherTrainer.get(base).expect(404);
    await outsider
      .post(`${base}/responses`)
      .send({ answers: [{ itemId: '00000000-0000-4000-8000-000000000000', rating: 3 }] })
      .expect(404);
    for (const agent of [learner, outsider, otherTrainer]) {
      await agent.get(`${base}/results`).expect(404);
      await agent
        .put(base)
        .send({ items: [{ kind: 'text', prompt: 'Mine' }] })
        .expect(404);
    }
    await admin.get(`${base}/results`).expect(200);
    await admin
      .put(base)
      .send({ items: [{ kind: 'text', prompt: 'An admin may edit' }] })
      .expect(200);
    await request(t.http).get(base).expect(401);
  });
});
