import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse, type BuiltCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let admin: TestAgent;
let trainer: TestAgent;
let course: BuiltCourse;

const REPORT = '/api/reports/member-states?from=2026-01-01&to=2026-07-01&format=csv';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  course = await buildCourse(trainer);
  for (let i = 0; i < 3; i++) {
    const learner = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
  }
});

afterAll(async () => {
  await t.close();
});

const auditRows = async (action: string) =>
  (await t.dataSource.query(`SELECT actor_id, subject_type, subject_id, data FROM audit_events WHERE action = $1 ORDER BY id`, [
    action,
  ])) as Array<{ actor_id: string; subject_type: string; subject_id: string; data: Record<string, unknown> }>;

describe('images in authored content', () => {
  it('drops images that point at the platform’s own API, relative or absolute', async () => {
    const body = [
      '<img src="/api/reports/member-states?format=csv">',
      '![x](/api/reports/export.csv)',
      `![learners](/api/courses/${course.id}/enrolments?format=csv)`,
      '![dots](/lessons/../api/reports/member-states?format=xlsx)',
      '![abs](https://learn.example.org/api/reports/member-states?format=csv)',
      '![rel](images/a.png)',
      '![proto](//evil.example/a.png)',
      '![plain](http://images.example.org/a.png)',
    ].join('\n\n');
    const lesson = await trainer.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'Images', kind: 'text', body }).expect(201);
    expect(lesson.body.bodyHtml).not.toMatch(/<img/);
    const preview = await trainer.post('/api/markdown/preview').send({ markdown: body }).expect(200);
    expect(preview.body.html).not.toMatch(/<img/);
  });

  it('keeps images from other sites over https and the platform’s course covers', async () => {
    const cover = `/api/courses/${course.id}/cover/640.webp?v=2`;
    const preview = await trainer
      .post('/api/markdown/preview')
      .send({ markdown: `![Map](https://images.example.org/map.png)\n\n![Cover](${cover})` })
      .expect(200);
    expect(preview.body.html).toContain('<img src="https://images.example.org/map.png" alt="Map" />');
    expect(preview.body.html).toContain(`<img src="${cover.replace('&', '&amp;')}" alt="Cover" />`);
  });
});

describe('export routes', () => {
  it('refuse a report export loaded as an image, script or frame, or from another site, and record nothing', async () => {
    const before = (await auditRows('report.exported')).length;
    for (const dest of ['image', 'script', 'iframe', 'style']) {
      const refused = await admin.get(REPORT).set('Sec-Fetch-Dest', dest).set('Sec-Fetch-Site', 'same-origin').expect(403);
      expect(refused.body.code).toBe('export_request_refused');
    }
    const crossSite = await admin.get(REPORT).set('Sec-Fetch-Dest', 'document').set('Sec-Fetch-Site', 'cross-site').expect(403);
    expect(crossSite.body.code).toBe('export_request_refused');
    expect((await auditRows('report.exported')).length).toBe(before);
  });

  it('serve and record a report download opened by a person or fetched by the app', async () => {
    const before = (await auditRows('report.exported')).length;
    await admin.get(REPORT).expect(200);
    await admin
      .get(REPORT)
      .set('Sec-Fetch-Dest', 'document')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Sec-Fetch-Mode', 'navigate')
      .expect(200);
    await admin.get(REPORT).set('Sec-Fetch-Dest', 'empty').set('Sec-Fetch-Site', 'same-origin').expect(200);
    await admin.get(REPORT).set('Sec-Fetch-Dest', 'document').set('Sec-Fetch-Site', 'none').expect(200);
    const rows = await auditRows('report.exported');
    expect(rows.length).toBe(before + 4);
    expect(rows.at(-1)!.data).toMatchObject({ report: 'member-states', format: 'csv', rows: expect.any(Number) });
  });

  it('record every learners CSV with its actor, course, row count and filters, and refuse an embedded one', async () => {
    const url = `/api/courses/${course.id}/enrolments?format=csv`;
    const refused = await trainer.get(url).set('Sec-Fetch-Dest', 'image').expect(403);
    expect(refused.body.code).toBe('export_request_refused');
    expect(await auditRows('learners.exported')).toEqual([]);

    const csv = await trainer.get(url).set('Sec-Fetch-Dest', 'document').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    await trainer.get(`/api/courses/${course.id}/enrolments`).expect(200); // the page's JSON list is not an export
    const [row, ...more] = await auditRows('learners.exported');
    expect(more).toEqual([]);
    const [{ id: trainerId }] = await t.dataSource.query(`SELECT owner_id AS id FROM courses WHERE id = $1`, [course.id]);
    expect(row).toEqual({
      actor_id: trainerId,
      subject_type: 'course',
      subject_id: course.id,
      data: { format: 'csv', rows: 3, filters: {} },
    });
  });

  it('cover the audit log CSV and the personal data download too: an embedded load is refused and records nothing', async () => {
    const embedded = { 'Sec-Fetch-Dest': 'image', 'Sec-Fetch-Site': 'same-origin' };
    const auditCsv = '/api/audit-events/export';
    expect((await admin.get(auditCsv).set(embedded).expect(403)).body.code).toBe('export_request_refused');
    expect((await admin.get('/api/me/data').set(embedded).expect(403)).body.code).toBe('export_request_refused');
    expect(await auditRows('audit.exported')).toEqual([]);
    expect(await auditRows('personal_data.exported')).toEqual([]);
    await admin.get(auditCsv).set('Sec-Fetch-Dest', 'document').expect(200);
    await admin.get('/api/me/data').set('Sec-Fetch-Dest', 'empty').expect(200);
    expect(await auditRows('audit.exported')).toHaveLength(1);
    expect(await auditRows('personal_data.exported')).toHaveLength(1);
  });
});
