import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SEND_MAIL_JOB } from '../mail/mail.service.js';
import { buildCourse } from '../../test/courses.js';
import { TestSmtp } from '../../test/smtp.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let smtp: TestSmtp;
let t: TestApp;
let jobs: JobsService;
let trainer: TestAgent;

beforeAll(async () => {
  smtp = await TestSmtp.start();
  t = await createTestApp({ mail: { smtpUrl: smtp.url, from: 'CTLP <no-reply@ctlp.test>' } });
  jobs = t.app.get(JobsService);
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const bulk = (courseId: string, emails: string[]) =>
  trainer
    .post(`/api/courses/${courseId}/enrolments/bulk`)
    .set('Content-Type', 'text/csv')
    .send(`email\n${emails.join('\n')}\n`);

describe('invitation to a course', () => {
  it('tells each official a trainer enrols, in their language, with the course page, and only once', async () => {
    const course = await buildCourse(trainer, { title: 'Enquêtes financières', course: { enrolmentPolicy: 'invitation' } });
    const [{ slug }] = await t.dataSource.query(`SELECT slug FROM courses WHERE id = $1`, [course.id]);
    const french = await createUser(t.dataSource, { locale: 'fr', fullName: 'Awa Ndiaye' });
    const chinese = await createUser(t.dataSource, { locale: 'zh', fullName: '李华' });
    const already = await createUser(t.dataSource);
    await bulk(course.id, [already.email]).expect(200);
    await jobs.drain(SEND_MAIL_JOB);

    const report = await bulk(course.id, [french.email, chinese.email, already.email, 'nobody@example.org']).expect(200);
    expect([...report.body.enrolled].sort()).toEqual([french.email, chinese.email].sort());
    expect(report.body.alreadyEnrolled).toEqual([already.email]);
    await bulk(course.id, [french.email, chinese.email]).expect(200);
    await jobs.drain(SEND_MAIL_JOB);

    const [toFrench, ...moreFrench] = smtp.to(french.email);
    expect(moreFrench).toEqual([]);
    expect(toFrench!.subject).toBe('Vous êtes inscrit(e) au cours « Enquêtes financières »');
    expect(toFrench!.text).toContain('Madame, Monsieur Awa Ndiaye');
    expect(toFrench!.html).toContain(`href="http://ctlp.test/courses/${slug}"`);
    const [toChinese, ...moreChinese] = smtp.to(chinese.email);
    expect(moreChinese).toEqual([]);
    expect(toChinese!.subject).toBe('您已报名参加《Enquêtes financières》课程');
    expect(toChinese!.text).toContain(`http://ctlp.test/courses/${slug}`);
    // Enrolled by the first file: told then, not again.
    expect(smtp.to(already.email)).toHaveLength(1);

    // The link works for the official: the course page, and the lesson the invitation opened to them.
    const agent = await signIn(t.http, french.email);
    await agent.get(`/api/courses/${slug}`).expect(200);
    await agent.get(`/api/lessons/${course.textLessonIds[0]}`).expect(200);
  });

  it('tells an official enrolled again after withdrawing, or whose request was pending', async () => {
    const course = await buildCourse(trainer, { course: { enrolmentPolicy: 'approval' } });
    const requested = await createUser(t.dataSource);
    await (await signIn(t.http, requested.email)).post(`/api/courses/${course.id}/enrolments`).expect(201);
    await bulk(course.id, [requested.email]).expect(200);
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(requested.email).map((mail) => mail.subject)).toEqual([
      'You have been enrolled in “Criminal justice responses to terrorism”',
    ]);

    await t.dataSource.query(`UPDATE enrolments SET status = 'withdrawn' WHERE user_id = $1`, [requested.id]);
    await bulk(course.id, [requested.email]).expect(200);
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(requested.email)).toHaveLength(2);
  });

  it('sends nothing for a file that enrols nobody', async () => {
    const course = await buildCourse(trainer);
    const suspended = await createUser(t.dataSource, { status: 'suspended' });
    const report = await bulk(course.id, [suspended.email, 'not-an-email']).expect(200);
    expect(report.body.enrolled).toEqual([]);
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(suspended.email)).toEqual([]);
  });
});
