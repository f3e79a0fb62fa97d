import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Locale } from '@ctlp/contracts';
import { answers, buildCourse, type BuiltCourse } from '../../test/courses.js';
import { pdfLines, pdftotext } from '../../test/pdf.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { VERIFY_LIMITS } from './certificates.service.js';

let t: TestApp;
let trainer: TestAgent;
let otherTrainer: TestAgent;
let admin: TestAgent;

beforeAll(async () => {
  t = await createTestApp({ trustProxy: 1 });
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
});

afterAll(() => t.close());

async function learnerIn(course: BuiltCourse, fullName = 'Amina Diallo', locale: Locale = 'en'): Promise<TestAgent> {
  const agent = await signIn(t.http, (await createUser(t.dataSource, { fullName, locale })).email);
  await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
  return agent;
}

/** A learner who completed a one-lesson course, and the certificate that gave them. */
async function certified(options: { course?: Record<string, unknown>; fullName?: string; locale?: Locale } = {}) {
  const course = await buildCourse(trainer, { textLessons: 1, course: { estimatedMinutes: 95, ...options.course } });
  const learner = await learnerIn(course, options.fullName, options.locale);
  const done = await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
  return { course, learner, certificate: done.body.certificate };
}

describe('issuing', () => {
  it('issues a certificate with a readable serial and an unguessable code when the course is completed', async () => {
    const { course, certificate } = await certified({
      course: { title: 'Mutual legal assistance', certificate: { enabled: true, validityMonths: 24 } },
      fullName: 'Олена Коваленко',
    });
    expect(certificate).toMatchObject({
      courseId: course.id,
      holderName: 'Олена Коваленко',
      courseTitle: 'Mutual legal assistance',
      hours: 1.5,
      status: 'valid',
      revokedAt: null,
    });
    expect(certificate.serial).toMatch(new RegExp(`^CTLP-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(certificate.verificationCode).toMatch(/^[A-Za-z0-9_-]{24}$/); // 18 bytes: 144 bits
    expect(certificate.verificationUrl).toBe(`http://ctlp.test/verify/${certificate.verificationCode}`);
    const months = (new Date(certificate.expiresAt).getTime() - new Date(certificate.issuedAt).getTime()) / (30.44 * 86_400_000);
    expect(Math.round(months)).toBe(24);
    const [audit] = await t.dataSource.query(`SELECT action, data FROM audit_events WHERE subject_id = $1`, [certificate.id]);
    expect(audit).toEqual({ action: 'certificate.issued', data: expect.objectContaining({ serial: certificate.serial }) });
  });

  it('issues none when the course gives no certificate', async () => {
    const { certificate, learner } = await certified({ course: { certificate: { enabled: false, validityMonths: null } } });
    expect(certificate).toBeUndefined();
    const mine = await learner.get('/api/me/certificates').expect(200);
    expect(mine.body).toEqual({ items: [], total: 0 });
  });

  it('issues it with the quiz attempt that completes the course', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 3 } });
    const learner = await learnerIn(course);
    const first = await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    expect(first.body.certificate).toBeUndefined();
    const pass = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    expect(pass.body.enrolment.status).toBe('completed');
    expect(pass.body.certificate.serial).toMatch(/^CTLP-/);
  });

  it('gives fifty parallel completions of the last lesson exactly one certificate and one serial', async () => {
    const course = await buildCourse(trainer, { textLessons: 2 });
    const learner = await learnerIn(course);
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    const responses = await Promise.all(Array.from({ length: 50 }, () => learner.post(`/api/lessons/${course.textLessonIds[1]}/complete`)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses.filter((r) => r.body.certificate)).toHaveLength(1);
    const rows = await t.dataSource.query(`SELECT serial FROM certificates WHERE course_id = $1`, [course.id]);
    expect(rows).toHaveLength(1);
    const [{ issued }] = await t.dataSource.query(
      `SELECT count(*)::int AS issued FROM audit_events WHERE action = 'certificate.issued' AND data->>'courseId' = $1`,
      [course.id],
    );
    expect(issued).toBe(1);
  });

  it('never hands out a serial twice', async () => {
    const serials = await Promise.all(Array.from({ length: 5 }, async () => (await certified()).certificate.serial));
    const [{ all, distinct }] = await t.dataSource.query(
      `SELECT count(*)::int AS all, count(DISTINCT serial)::int AS distinct FROM certificates`,
    );
    expect(distinct).toBe(all);
    expect(new Set(serials).size).toBe(5);
  });
});

describe('who may see a certificate', () => {
  it('lets the holder, the course’s trainer and an admin read it; 404 for everyone else', async () => {
    const { certificate, learner } = await certified();
    await learner.get(`/api/certificates/${certificate.id}`).expect(200);
    await trainer.get(`/api/certificates/${certificate.id}`).expect(200);
    await admin.get(`/api/certificates/${certificate.id}`).expect(200);
    const learnerB = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learnerB.get(`/api/certificates/${certificate.id}`).expect(404);
    await otherTrainer.get(`/api/certificates/${certificate.id}`).expect(404);
    await request(t.http).get(`/api/certificates/${certificate.id}`).expect(401);
    const mineB = await learnerB.get('/api/me/certificates').expect(200);
    expect(mineB.body.total).toBe(0);
    const learners = await trainer.get(`/api/courses/${certificate.courseId}/enrolments`).expect(200);
    expect(learners.body.items[0].certificate).toEqual({ id: certificate.id, serial: certificate.serial, revokedAt: null });
  });
});

describe('the PDF', () => {
  async function pdfText(agent: TestAgent, id: string): Promise<string> {
    const response = await agent
      .get(`/api/certificates/${id}/pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(response.body as Buffer)), { mergePages: true });
    return text.replace(/\s+/g, ' ');
  }

  it('prints a name stored with control, bidi or invisible characters without them', async () => {
    // Written before names were checked, or straight into the database: printed as plain text.
    const { learner, certificate } = await certified({ fullName: 'Amina \u202eollaiD\u200b\u0007 Jos\u0065\u0301' });
    const text = await pdfText(learner, certificate.id);
    expect(text).toContain('Amina ollaiD Jos\u00e9');
    expect(text).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it('says the learning time in minutes and hours: 45 minutes, not "1 hour"; 5 minutes, not "0 hours"', async () => {
    for (const [minutes, expected] of [
      [45, 'Learning time: 45 minutes'],
      [5, 'Learning time: 5 minutes'],
      [95, 'Learning time: 1 hour 35 minutes'],
    ] as const) {
      const { certificate, learner } = await certified({ course: { estimatedMinutes: minutes } });
      const text = await pdfText(learner, certificate.id);
      expect(text).toContain(expected);
      expect(text).not.toMatch(/Learning time: \d+ hours?\b(?! \d)/);
    }
  });

  it('keeps the time it was issued for once the course’s estimate changes', async () => {
    const { certificate, learner, course } = await certified({ course: { estimatedMinutes: 45 } });
    await t.dataSource.query(`UPDATE courses SET estimated_minutes = 300 WHERE id = $1`, [course.id]);
    expect(await pdfText(learner, certificate.id)).toContain('Learning time: 1 hour');
    expect(await pdfText(learner, certificate.id)).not.toContain('5 hours');
  });

  it('goes to the holder, the course’s trainer and an admin; 404 for learner B, another trainer and anonymous callers', async () => {
    const { certificate, learner } = await certified({ fullName: 'Amina Diallo' });
    const url = `/api/certificates/${certificate.id}/pdf`;
    for (const agent of [learner, trainer, admin]) {
      const response = await agent
        .get(url)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${certificate.serial}.pdf"`);
      expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const learnerB = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learnerB.get(url).expect(404);
    await otherTrainer.get(url).expect(404);
    await request(t.http).get(url).expect(404);
    await request(t.http).get('/api/certificates/not-a-uuid/pdf').expect(400);
  });
});

describe('the PDF in the holder’s language', () => {
  async function pdfOf(agent: TestAgent, url: string): Promise<{ lines: string[]; language: string }> {
    const response = await agent
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const pdf = response.body as Buffer;
    let text = pdftotext(pdf);
    if (text === undefined) {
      console.warn('pdftotext (poppler-utils) is not installed: the PDF text is read with pdf.js, not in logical order');
      text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;
    }
    return { lines: pdfLines(text), language: response.headers['content-language'] as string };
  }

  it('is in the Arabic holder’s language, right to left, with the Arabic title as pdftotext reads it; in another of the six on ?locale', async () => {
    const title = 'حقوق الإنسان في تحقيقات مكافحة الإرهاب';
    const { certificate, learner } = await certified({ course: { title }, fullName: 'Amina Diallo', locale: 'ar' });
    const url = `/api/certificates/${certificate.id}/pdf`;
    // The holder's language for anyone who prints it: the holder, and the course's English-speaking trainer.
    for (const agent of [learner, trainer]) {
      const arabic = await pdfOf(agent, url);
      expect(arabic.language).toBe('ar');
      expect(arabic.lines).toContain('شهادة إتمام');
      expect(arabic.lines).toContain(title);
      expect(arabic.lines).toContain('Amina Diallo');
    }
    const french = await pdfOf(learner, `${url}?locale=fr`);
    expect(french.language).toBe('fr');
    expect(french.lines).toContain('Certificat de réussite');
    expect(french.lines).toContain(title);
    const chinese = await pdfOf(learner, `${url}?locale=zh`);
    expect(chinese.lines).toContain('结业证书');
    expect(chinese.lines.join(' ')).toContain(`证书编号：${certificate.serial}`);
  });

  it('refuses a language that is not one of the six, naming `locale`', async () => {
    const { certificate, learner } = await certified();
    for (const locale of ['de', 'AR', 'en-GB', '']) {
      const response = await learner.get(`/api/certificates/${certificate.id}/pdf`).query({ locale }).expect(400);
      expect(Object.keys(response.body.fields)).toEqual(['locale']);
    }
  });

  it('prints the title the course had when it was taken, not its title today', async () => {
    const { certificate, learner, course } = await certified({ course: { title: 'Mutual legal assistance' } });
    await trainer.patch(`/api/courses/${course.id}`).send({ title: 'Mutual legal assistance, second edition' }).expect(200);
    const { lines } = await pdfOf(learner, `/api/certificates/${certificate.id}/pdf?locale=es`);
    expect(lines).toContain('Mutual legal assistance');
    expect(lines.join(' ')).not.toContain('second edition');
    expect(lines).toContain('Certificado de finalización');
  });
});

describe('verification', () => {
  // `current`: the newer certificate of a recertification (recertification.e2e-spec.ts), null here.
  const PUBLIC_FIELDS = [
    'activity',
    'courseTitle',
    'current',
    'expiresAt',
    'holderName',
    'hours',
    'issuedAt',
    'kind',
    'revokedAt',
    'status',
  ];

  it('shows a valid certificate with nothing about the holder beyond the name', async () => {
    const { certificate } = await certified({ fullName: 'محمد علي' });
    const response = await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(Object.keys(response.body).sort()).toEqual(PUBLIC_FIELDS);
    expect(response.body).toMatchObject({ status: 'valid', holderName: 'محمد علي', revokedAt: null });
    expect(JSON.stringify(response.body)).not.toMatch(/@|example\.org|National Police|KEN/);
  });

  it('shows a name stored with control, bidi or invisible characters without them', async () => {
    const { certificate } = await certified({ fullName: '\u2067Amina\u2069 \u202eollaiD\u200f\u0085' });
    const response = await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(response.body.holderName).toBe('Amina ollaiD');
  });

  it('keeps the joiners a Persian name needs', async () => {
    const { certificate } = await certified({ fullName: 'مریم\u200cزاده' });
    const response = await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(response.body.holderName).toBe('مریم\u200cزاده');
  });

  it('shows a revoked certificate as revoked, with the date, to everyone from then on', async () => {
    const { certificate, learner } = await certified();
    await learner.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: 'mine' }).expect(403);
    const bad = await admin.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: '' }).expect(400);
    expect(bad.body.fields).toHaveProperty('reason');
    const revoked = await admin.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: 'Issued in error' }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedReason: 'Issued in error' });
    await admin.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: 'Again' }).expect(409);
    await admin.post('/api/certificates/00000000-0000-4000-8000-000000000000/revoke').send({ reason: 'Nothing' }).expect(404);

    const verified = await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(Object.keys(verified.body).sort()).toEqual(PUBLIC_FIELDS);
    expect(verified.body.status).toBe('revoked');
    expect(verified.body.revokedAt).toBe(revoked.body.revokedAt);
    const mine = await learner.get('/api/me/certificates').expect(200);
    expect(mine.body.items[0]).toMatchObject({ id: certificate.id, status: 'revoked' });
    const [audit] = await t.dataSource.query(`SELECT data FROM audit_events WHERE action = 'certificate.revoked' AND subject_id = $1`, [
      certificate.id,
    ]);
    expect(audit.data).toMatchObject({ reason: 'Issued in error', serial: certificate.serial });
  });

  it('reinstates a revoked certificate (the Undo of a mistaken revocation): the same serial verifies as valid, both steps audited', async () => {
    const { certificate, learner } = await certified();
    await admin.post(`/api/certificates/${certificate.id}/reinstate`).expect(409);
    await admin.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: 'Wrong learner' }).expect(200);
    await learner.post(`/api/certificates/${certificate.id}/reinstate`).expect(403);
    await admin.post('/api/certificates/00000000-0000-4000-8000-000000000000/reinstate').expect(404);
    await admin.post('/api/certificates/not-a-uuid/reinstate').expect(400);

    const reinstated = await admin.post(`/api/certificates/${certificate.id}/reinstate`).expect(200);
    expect(reinstated.body).toMatchObject({
      id: certificate.id,
      serial: certificate.serial,
      status: 'valid',
      revokedAt: null,
      revokedReason: null,
    });
    const again = await admin.post(`/api/certificates/${certificate.id}/reinstate`).expect(409);
    expect(again.body.code).toBe('certificate_not_revoked');
    expect((await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200)).body.status).toBe('valid');
    const actions = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [certificate.id]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual([
      'certificate.issued',
      'certificate.revoked',
      'certificate.reinstated',
    ]);
    // Nothing new issued: still the one certificate with that serial.
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE serial = $1`, [certificate.serial])).toEqual([
      { n: 1 },
    ]);
  });

  it('shows an expired certificate as expired', async () => {
    const { certificate } = await certified({ course: { certificate: { enabled: true, validityMonths: 12 } } });
    await t.dataSource.query(
      `UPDATE certificates SET issued_at = now() - interval '13 months', expires_at = now() - interval '1 month' WHERE id = $1`,
      [certificate.id],
    );
    const response = await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(response.body.status).toBe('expired');
  });

  it('answers a known code with the security headers of every answer, uncached, with or without a session, and to HEAD', async () => {
    const { certificate, learner } = await certified();
    const url = `/api/verify/${certificate.verificationCode}`;
    const hit = await request(t.http).get(url).expect(200);
    const api = await request(t.http).get('/api/courses').expect(200);
    expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hit.headers['cache-control']).toBe('no-cache');
    for (const header of [
      'content-security-policy',
      'x-content-type-options',
      'strict-transport-security',
      'x-frame-options',
      'referrer-policy',
    ]) {
      expect(hit.headers[header]).toBe(api.headers[header]);
    }
    // The same answer with a session cookie, and with a query string (the QR code may carry one).
    expect((await learner.get(url).expect(200)).body).toEqual(hit.body);
    expect((await request(t.http).get(`${url}?from=qr`).expect(200)).body).toEqual(hit.body);
    const head = await request(t.http).head(url).expect(200);
    expect(head.headers['content-length']).toBe(hit.headers['content-length']);
    expect(head.text).toBeUndefined();
    // A revocation shows at once: nothing is cached.
    await admin.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: 'Issued in error' }).expect(200);
    expect((await request(t.http).get(url).expect(200)).body.status).toBe('revoked');
  });

  it('answers malformed codes with the usual 404 error body', async () => {
    for (const code of ['short', `${'x'.repeat(65)}`, 'has%20space-and-more-chars', "abcdefghijklmnop'--"]) {
      const response = await request(t.http).get(`/api/verify/${code}`).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'not_found', params: { resource: 'certificate' } });
    }
  });

  it('answers 404 for an unknown code and 429 once an address has tried too many', async () => {
    const { certificate } = await certified();
    const from = (agent: request.Test) => agent.set('X-Forwarded-For', '203.0.113.7');
    for (let i = 0; i < VERIFY_LIMITS.missesPerAddress; i++) {
      await from(request(t.http).get(`/api/verify/${'x'.repeat(20)}${i}`)).expect(404);
    }
    const limited = await from(request(t.http).get('/api/verify/another-unknown-code-1234')).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // The limit is on guessing: a real code still verifies.
    await from(request(t.http).get(`/api/verify/${certificate.verificationCode}`)).expect(200);
  });
});
