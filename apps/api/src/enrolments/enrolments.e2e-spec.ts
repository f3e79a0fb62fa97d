import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { parse } from 'csv-parse/sync';
import { buildCourse } from '../../test/courses.js';
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

  it('keeps one row per learner when names hold line breaks, quotes or leading spaces before a formula', async () => {
    const course = await buildCourse(trainer, { textLessons: 1 });
    // Stored before names were checked (or by a list import): the export must be safe whatever is stored.
    const names = ['x\n=5+5', 'x\r=1+1', '"=cmd"', ' =2+3', '\u00A0@SUM(A1)', 'x\r\n-3'];
    for (const fullName of names) {
      const agent = await signIn(t.http, (await createUser(t.dataSource, { fullName })).email);
      await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
    }
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
    const text = csv.body as string;
    // A spreadsheet starts a new row at a bare CR or LF outside quotes: only CRLF may end a record there.
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    const rows = parse(text, { bom: true, relax_quotes: false }) as string[][];
    expect(rows).toHaveLength(names.length + 1);
    const exported = rows.slice(1).map((row) => row[0]!);
    expect(exported.sort()).toEqual(["'\u00A0@SUM(A1)", "' =2+3", 'x\n=5+5', 'x\r=1+1', 'x\r\n-3', '"=cmd"'].sort());
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^\s*[=+\-@]|^[\t\r]/u);
  });
});
