import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import request from 'supertest';
import { isTopic } from '@ctlp/contracts';
import { TOPIC_SYNONYMS, TopicVocabulary1797600000000 } from '../database/migrations/1797600000000-topic-vocabulary.js';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

// Topics are a vocabulary (TOPICS): every input refuses another slug with the field named, the
// historical import refuses it row by row, and the migration maps older synonyms without losing
// a slug it does not know.
let t: TestApp;
let admin: TestAgent;
let trainer: TestAgent;
let ownerId: string;

const activity = (topics: unknown) => ({
  kind: 'workshop',
  title: 'Supporting victims of terrorism',
  delivery: 'online',
  startsOn: '2027-03-01',
  endsOn: '2027-03-01',
  topics,
  hours: 6,
  requiredAttendance: 100,
});

async function workbook(topics: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const columns = ['ref', 'kind', 'title', 'delivery', 'startsOn', 'endsOn', 'venueMemberState', 'topics', 'hours'];
  book
    .addWorksheet('activities')
    .addRows([
      columns,
      ['T-1', 'workshop', 'Old names', 'in_person', '2019-03-04', '2019-03-05', 'KEN', 'Terrorist financing; Human rights; PVE', 12],
      ['T-2', 'workshop', 'A topic of its own', 'in_person', '2019-04-01', '2019-04-01', 'KEN', topics, 6],
    ]);
  book.addWorksheet('participants').addRow(['activityRef', 'fullName', 'memberState']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await createTestApp();
  const [ad, tr] = await Promise.all([createUser(t.dataSource, { roles: ['admin'] }), createUser(t.dataSource, { roles: ['trainer'] })]);
  ownerId = tr.id;
  [admin, trainer] = await Promise.all([ad, tr].map((user) => signIn(t.http, user.email)));
});

afterAll(() => t.close());

describe('topics of courses and activities', () => {
  it('refuses a course topic outside the vocabulary, naming the field and the slug, and keeps one of it', async () => {
    const refused = await trainer
      .post('/api/courses')
      .send({ title: 'Mixed topics', topics: ['financing', 'terrorist-financing'] })
      .expect(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.fields.topics).toMatchObject({ code: 'unknown_topic', params: { values: ['terrorist-financing'] } });

    const course = await trainer
      .post('/api/courses')
      .send({ title: 'Known topics', topics: ['Human-Rights ', 'victims'] })
      .expect(201);
    expect(course.body.topics).toEqual(['human-rights', 'victims']);
    await trainer
      .patch(`/api/courses/${course.body.id}`)
      .send({ topics: ['cbrn', 'not-a-topic'] })
      .expect(400);
    const changed = await trainer
      .patch(`/api/courses/${course.body.id}`)
      .send({ topics: ['cbrn'] })
      .expect(200);
    expect(changed.body.topics).toEqual(['cbrn']);
  });

  it('refuses an activity topic outside the vocabulary, and a topic that is not a string', async () => {
    const refused = await trainer
      .post('/api/activities')
      .send(activity(['victims', 'border']))
      .expect(400);
    expect(refused.body.fields.topics).toMatchObject({ code: 'unknown_topic', params: { values: ['border'] } });
    const notText = await trainer
      .post('/api/activities')
      .send(activity([7]))
      .expect(400);
    expect(notText.body.fields.topics.code).toBe('not_string');
    const created = await trainer
      .post('/api/activities')
      .send(activity(['victims', 'border-security']))
      .expect(201);
    expect(created.body.topics).toEqual(['victims', 'border-security']);
  });

  it('filters the catalog and the report by a topic of the vocabulary only', async () => {
    const catalog = await request(t.http).get('/api/courses').query({ topic: 'legal framework' }).expect(400);
    expect(catalog.body.fields.topic).toMatchObject({ code: 'unknown_topic', params: { values: ['legal framework'] } });
    await request(t.http).get('/api/courses').query({ topic: 'legal-framework' }).expect(200);
    const report = await admin.get('/api/reports/member-states').query({ topic: 'border' }).expect(400);
    expect(report.body.fields.topic.code).toBe('unknown_topic');
    const known = await admin.get('/api/reports/member-states').query({ topic: 'border-security' }).expect(200);
    expect(known.body.filters.topic).toBe('border-security');
  });

  it('reads a workbook’s topics by slug or name, and refuses a row with another topic instead of failing', async () => {
    const dry = await admin
      .post('/api/activities/import?dryRun=true')
      .attach('file', await workbook('legal-framework, Counter-narratives'), 'history.xlsx')
      .expect(200);
    expect(dry.body.activities.invalid).toEqual([{ row: 3, fields: { topics: 'unknown_topic' } }]);
    expect(dry.body.activities.added).toBe(1);

    await admin
      .post('/api/activities/import')
      .attach('file', await workbook('Legal framework'), 'history.xlsx')
      .expect(200);
    const rows = (await t.dataSource.query(
      `SELECT title, topics FROM activities WHERE title IN ('Old names', 'A topic of its own') ORDER BY starts_on`,
    )) as Array<{
      title: string;
      topics: string[];
    }>;
    expect(rows).toEqual([
      { title: 'Old names', topics: ['financing', 'human-rights', 'violent-extremism'] },
      { title: 'A topic of its own', topics: ['legal-framework'] },
    ]);
  });
});

describe('the topic vocabulary migration', () => {
  it('maps each synonym to a slug of the vocabulary, never to another synonym', () => {
    for (const [synonym, topic] of Object.entries(TOPIC_SYNONYMS)) {
      expect({ synonym, topic, known: isTopic(topic), isItself: isTopic(synonym) }).toEqual({
        synonym,
        topic,
        known: true,
        isItself: false,
      });
    }
  });

  it('maps synonyms in courses and activities in place, once, and keeps slugs it does not know, which reads return', async () => {
    const [course] = (await t.dataSource.query(
      `INSERT INTO courses (slug, title, owner_id, status, topics, published_at)
       VALUES ('legacy-topics', 'Legacy topics', $1, 'published', '{terrorist-financing,counter-narratives,financing,border}', now())
       RETURNING id`,
      [ownerId],
    )) as Array<{ id: string }>;
    const untouched = await buildCourse(trainer, { title: 'Untouched', course: { topics: ['prisons'] } });
    const [held] = (await t.dataSource.query(
      `INSERT INTO activities (kind, title, delivery, starts_on, ends_on, venue_member_state, topics, organiser_id)
       VALUES ('workshop', 'Legacy', 'in_person', '2020-01-06', '2020-01-07', 'KEN', '{youth,pve,cve,victims}', $1) RETURNING id`,
      [ownerId],
    )) as Array<{ id: string }>;

    const runner = t.dataSource.createQueryRunner();
    try {
      await new TopicVocabulary1797600000000().up(runner);
      // Again: a second run finds nothing to map.
      await new TopicVocabulary1797600000000().up(runner);
    } finally {
      await runner.release();
    }

    const topicsOf = async (table: string, id: string) =>
      ((await t.dataSource.query(`SELECT topics FROM ${table} WHERE id = $1`, [id])) as Array<{ topics: string[] }>)[0]!.topics;
    expect(await topicsOf('courses', course!.id)).toEqual(['financing', 'counter-narratives', 'border-security']);
    expect(await topicsOf('courses', untouched.id)).toEqual(['prisons']);
    expect(await topicsOf('activities', held!.id)).toEqual(['children', 'violent-extremism', 'victims']);
    const read = await request(t.http).get('/api/courses/legacy-topics').expect(200);
    expect(read.body.topics).toEqual(['financing', 'counter-narratives', 'border-security']);
  });
});
