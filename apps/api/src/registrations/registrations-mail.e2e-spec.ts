import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobsService } from '../jobs/jobs.service.js';
import { mailDate } from '../mail/messages.js';
import { SEND_MAIL_JOB } from '../mail/mail.service.js';
import { TestSmtp } from '../../test/smtp.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from '../users/user.entity.js';
import { PENDING_REGISTRATIONS_DIGEST_JOB } from './pending-registrations-digest.job.js';

let smtp: TestSmtp;
let t: TestApp;
let jobs: JobsService;

beforeAll(async () => {
  smtp = await TestSmtp.start();
  t = await createTestApp({ mail: { smtpUrl: smtp.url, from: 'CTLP <no-reply@ctlp.test>' } });
  jobs = t.app.get(JobsService);
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('the applicant hears of the decision', () => {
  let focalPoint: UserEntity;

  beforeAll(async () => {
    focalPoint = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'KEN' });
  });

  it('tells an approved applicant in their own language, with a link to the courses', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN', locale: 'fr', fullName: 'Amina Diallo' });
    const agent = await signIn(t.http, focalPoint.email);
    await agent.post(`/api/registrations/${applicant.id}/approve`).expect(200);
    await jobs.drain(SEND_MAIL_JOB);

    const [mail, ...more] = smtp.to(applicant.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Votre inscription a été approuvée');
    expect(mail!.text).toContain('Madame, Monsieur Amina Diallo');
    expect(mail!.text).toContain('http://ctlp.test/courses');
    expect(mail!.html).toContain('href="http://ctlp.test/courses"');
  });

  it('tells a rejected applicant why, and how to register again', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN', locale: 'es' });
    const agent = await signIn(t.http, focalPoint.email);
    const reason = 'La dirección es personal: regístrese con la de su institución <policía>';
    await agent.post(`/api/registrations/${applicant.id}/reject`).send({ reason }).expect(200);
    await jobs.drain(SEND_MAIL_JOB);

    const mail = await smtp.waitFor(applicant.email);
    expect(mail.subject).toBe('Su registro no ha sido aprobado');
    expect(mail.text).toContain(`Motivo indicado: ${reason}`);
    expect(mail.text).toContain('http://ctlp.test/register');
    expect(mail.html).toContain('La dirección es personal: regístrese con la de su institución &lt;policía&gt;');
    expect(mail.html).toContain('href="http://ctlp.test/register"');
  });

  it('writes to an Arabic-speaking applicant right to left', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN', locale: 'ar' });
    const admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' })).email);
    await admin.post(`/api/registrations/${applicant.id}/approve`).expect(200);
    await jobs.drain(SEND_MAIL_JOB);

    const mail = await smtp.waitFor(applicant.email);
    expect(mail.subject).toBe('تمت الموافقة على تسجيلك');
    expect(mail.html).toContain('dir="rtl"');
  });

  it('sends nothing when the decision rolls back, even after the message was queued', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    // Refused at COMMIT, after every statement of the decision (the enqueue included) has run.
    await t.dataSource.query(`CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                                BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
    await t.dataSource.query(`CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER UPDATE ON users DEFERRABLE INITIALLY DEFERRED
                                FOR EACH ROW WHEN (NEW.id = '${applicant.id}') EXECUTE FUNCTION test_refuse_commit()`);
    try {
      const agent = await signIn(t.http, focalPoint.email);
      await agent.post(`/api/registrations/${applicant.id}/reject`).send({ reason: 'Not a criminal justice official' }).expect(500);
    } finally {
      await t.dataSource.query(`DROP TRIGGER test_refuse_commit ON users`);
      await t.dataSource.query(`DROP FUNCTION test_refuse_commit()`);
    }
    await jobs.drain(SEND_MAIL_JOB);

    const [row] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [applicant.id]);
    expect(row.status).toBe('pending');
    expect(await t.dataSource.query(`SELECT 1 FROM audit_events WHERE subject_id = $1`, [applicant.id])).toEqual([]);
    expect(smtp.to(applicant.email)).toEqual([]);

    // Decided again, it commits: now the applicant hears, once.
    const agent = await signIn(t.http, focalPoint.email);
    await agent.post(`/api/registrations/${applicant.id}/reject`).send({ reason: 'Not a criminal justice official' }).expect(200);
    await jobs.drain(SEND_MAIL_JOB);
    expect(smtp.to(applicant.email).map((mail) => mail.subject)).toEqual(['Your registration was not approved']);
  });
});

describe('the focal points’ daily digest', () => {
  it('tells each active focal point of a State how many registrations wait and since when, once a day', async () => {
    const french = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'GHA', locale: 'fr' });
    const arabic = await createUser(t.dataSource, { roles: ['learner', 'focal_point'], memberState: 'GHA', locale: 'ar' });
    const suspended = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'GHA', status: 'suspended' });
    const nothingPending = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'SEN' });
    const oldest = await createUser(t.dataSource, { status: 'pending', memberState: 'GHA' });
    await createUser(t.dataSource, { status: 'pending', memberState: 'GHA' });
    await createUser(t.dataSource, { status: 'pending', memberState: 'GHA' });
    // Decided, or of another State: not waiting for Ghana's focal points.
    await createUser(t.dataSource, { status: 'active', memberState: 'GHA' });
    await createUser(t.dataSource, { status: 'rejected', memberState: 'GHA' });
    await createUser(t.dataSource, { status: 'active', memberState: 'SEN' });
    await createUser(t.dataSource, { status: 'pending', memberState: 'TZA' });
    await t.dataSource.query(`UPDATE users SET created_at = now() - interval '5 days 2 hours' WHERE id = $1`, [oldest.id]);
    const [{ created }] = await t.dataSource.query(`SELECT created_at AS created FROM users WHERE id = $1`, [oldest.id]);

    for (let run = 0; run < 2; run++) {
      await jobs.send(PENDING_REGISTRATIONS_DIGEST_JOB, {});
      expect(await jobs.drain(PENDING_REGISTRATIONS_DIGEST_JOB)).toBe(1);
      await jobs.drain(SEND_MAIL_JOB);
    }

    const toFrench = smtp.to(french.email);
    expect(toFrench).toHaveLength(1);
    expect(toFrench[0]!.subject).toBe('Inscriptions en attente de votre décision : 3');
    expect(toFrench[0]!.text).toContain('point focal national (Ghana) : 3.');
    expect(toFrench[0]!.text).toContain(`La plus ancienne a été déposée il y a 5 jours (${mailDate('fr', created)}).`);
    expect(toFrench[0]!.text).toContain('http://ctlp.test/vetting');
    expect(toFrench[0]!.html).toContain('href="http://ctlp.test/vetting"');

    const toArabic = smtp.to(arabic.email);
    expect(toArabic).toHaveLength(1);
    expect(toArabic[0]!.subject).toBe('طلبات التسجيل التي تنتظر قرارك: 3');
    expect(toArabic[0]!.text).toContain('غانا');
    expect(toArabic[0]!.text).toContain('قبل 5 أيام');

    expect(smtp.to(suspended.email)).toEqual([]);
    expect(smtp.to(nothingPending.email)).toEqual([]);
  });
});
