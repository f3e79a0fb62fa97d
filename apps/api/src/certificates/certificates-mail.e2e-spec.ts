import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { TestSmtp } from '../../test/smtp.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SEND_MAIL_JOB } from '../mail/mail.service.js';
import { mailDate } from '../mail/messages.js';
import type { Locale } from '@ctlp/contracts';
import { CertificatesService } from './certificates.service.js';

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

/** A learner in `locale` who completed a one-lesson course with a certificate; the certificate. */
async function certified(locale: Locale, title = 'Financing of terrorism') {
  const course = await buildCourse(trainer, { textLessons: 1, course: { title, certificate: { enabled: true, validityMonths: 12 } } });
  const learner = await createUser(t.dataSource, { locale, fullName: 'Олена Коваленко' });
  const agent = await signIn(t.http, learner.email);
  await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
  const done = await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
  return { course, learner, agent, certificate: done.body.certificate as { id: string; serial: string; verificationUrl: string } };
}

describe('certificate issued', () => {
  it('tells the holder in their language, with the serial and the public verification link', async () => {
    const { learner, certificate, agent, course } = await certified('ru', 'Финансирование терроризма');
    await jobs.drain(SEND_MAIL_JOB);

    const [mail, ...more] = smtp.to(learner.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Ваш сертификат по курсу «Финансирование терроризма»');
    expect(mail!.text).toContain(`Номер сертификата: ${certificate.serial}`);
    expect(mail!.text).toContain(certificate.verificationUrl);
    expect(mail!.html).toContain('href="http://ctlp.test/certificates"');

    // Completing the lesson again issues nothing and tells nobody again.
    const again = await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    expect(again.body.certificate).toBeUndefined();
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(learner.email)).toHaveLength(1);
  });

  it('sends nothing for a course that gives no certificate', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, course: { certificate: { enabled: false, validityMonths: null } } });
    const learner = await createUser(t.dataSource);
    const agent = await signIn(t.http, learner.email);
    await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
    await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(learner.email)).toEqual([]);
  });
});

describe('certificate expiring', () => {
  /** Moves a certificate's expiry to `days` from now (negative: already expired). */
  async function expireIn(id: string, days: number, revoked = false): Promise<Date> {
    const [row] = await t.dataSource.query(
      `WITH c AS (UPDATE certificates SET expires_at = now() + make_interval(days => $2), revoked_at = CASE WHEN $3 THEN now() END
                   WHERE id = $1 RETURNING expires_at)
       SELECT expires_at FROM c`,
      [id, days, revoked],
    );
    return row.expires_at as Date;
  }

  it('reminds each holder once, 30 days ahead, in their language, with the course page; not revoked, expired or distant ones', async () => {
    const soon = await certified('fr', 'Coopération internationale');
    const expiresAt = await expireIn(soon.certificate.id, 12);
    const distant = await certified('en');
    await expireIn(distant.certificate.id, 45);
    const revoked = await certified('en');
    await expireIn(revoked.certificate.id, 5, true);
    const expired = await certified('en');
    await expireIn(expired.certificate.id, -2);
    await jobs.drain(SEND_MAIL_JOB); // the issued messages
    const before = smtp.messages.length;

    const certificates = t.app.get(CertificatesService);
    // Two replicas at once: each certificate is taken by one of them.
    const counts = await Promise.all([certificates.remindExpiring(), certificates.remindExpiring()]);
    expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(1);
    await jobs.drain(SEND_MAIL_JOB);

    const reminders = smtp.messages.slice(before);
    const [mail, ...more] = reminders.filter((m) => smtp.to(soon.learner.email).includes(m));
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`Votre certificat pour « Coopération internationale » expire le ${mailDate('fr', expiresAt)}`);
    expect(mail!.text).toContain(soon.certificate.serial);
    // From the expiry on, the course page offers a new cycle (recertification): the mail says when, and leads there.
    expect(mail!.text).toContain(
      `À partir du ${mailDate('fr', expiresAt)}, une fois qu'il aura expiré, vous pourrez suivre le cours de nouveau`,
    );
    expect(mail!.html).toContain('Suivre le cours de nouveau');
    const [{ slug }] = await t.dataSource.query(`SELECT slug FROM courses WHERE id = $1`, [soon.course.id]);
    expect(mail!.html).toContain(`href="http://ctlp.test/courses/${slug}"`);
    for (const other of [distant, revoked, expired]) {
      expect(reminders.filter((m) => smtp.to(other.learner.email).includes(m))).toEqual([]);
    }

    // The next day's run tells nobody again.
    await certificates.remindExpiring();
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(soon.learner.email)).toHaveLength(2); // issued, then the one reminder
  });
});
