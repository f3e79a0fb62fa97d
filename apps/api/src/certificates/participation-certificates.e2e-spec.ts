import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { extractText, getDocumentProxy } from 'unpdf';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SEND_MAIL_JOB } from '../mail/mail.service.js';

let t: TestApp;
let organiserId: string;
let coOrganiserId: string;
let organiser: TestAgent;
let coOrganiser: TestAgent;
let otherTrainer: TestAgent;
let admin: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  const organiserUser = await createUser(t.dataSource, { roles: ['trainer'] });
  organiserId = organiserUser.id;
  organiser = await signIn(t.http, organiserUser.email);
  const co = await createUser(t.dataSource, { roles: ['trainer'] });
  coOrganiserId = co.id;
  coOrganiser = await signIn(t.http, co.email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
});

afterAll(() => t.close());

interface Person {
  fullName: string;
  userId?: string;
  completed?: boolean;
  role?: 'participant' | 'trainer' | 'speaker';
}

/**
 * An activity organised by `organiser` (co-organised by `coOrganiser`) with these people, written
 * straight to the tables: what is examined here is issuing, not how attendance completes.
 */
async function activityWith(people: Person[], options: { status?: string; title?: string; city?: string | null } = {}) {
  const [activity] = await t.dataSource.query(
    `INSERT INTO activities (kind, title, delivery, starts_on, ends_on, venue_member_state, city, hours, required_attendance, organiser_id, status)
     VALUES ('workshop', $1, 'in_person', '2026-11-23', '2026-11-25', 'KEN', $2, 21, 80, $3, $4) RETURNING id`,
    [
      options.title ?? 'Regional workshop on border security',
      options.city === undefined ? 'Nairobi' : options.city,
      organiserId,
      options.status ?? 'closed',
    ],
  );
  await t.dataSource.query(`INSERT INTO activity_organisers (activity_id, user_id) VALUES ($1, $2)`, [activity.id, coOrganiserId]);
  const places: string[] = [];
  for (const person of people) {
    let participantId: string;
    const existing = person.userId ? await t.dataSource.query(`SELECT id FROM participants WHERE user_id = $1`, [person.userId]) : [];
    if (existing.length) participantId = existing[0].id;
    else {
      const [participant] = await t.dataSource.query(
        `INSERT INTO participants (user_id, full_name, member_state) VALUES ($1, $2, 'KEN') RETURNING id`,
        [person.userId ?? null, person.fullName],
      );
      participantId = participant.id;
    }
    const [place] = await t.dataSource.query(
      `INSERT INTO activity_participants (activity_id, participant_id, role, completed) VALUES ($1, $2, $3, $4) RETURNING id`,
      [activity.id, participantId, person.role ?? 'participant', person.completed ?? true],
    );
    places.push(place.id);
  }
  return { id: activity.id as string, places };
}

async function pdfText(agent: TestAgent, id: string, query = ''): Promise<string> {
  const response = await agent
    .get(`/api/certificates/${id}/pdf${query}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(response.body as Buffer)), { mergePages: true });
  return text;
}

const serialNumber = (serial: string) => Number(serial.split('-')[2]);

describe('issuing certificates of participation', () => {
  it('issues one to each participant who completed the closed activity, and none to the rest', async () => {
    const official = await createUser(t.dataSource, { fullName: 'Amina Diallo' });
    const activity = await activityWith([
      { fullName: 'A. Diallo (as on the list)', userId: official.id },
      { fullName: 'Kofi Mensah' },
      { fullName: 'Did not complete', completed: false },
      { fullName: 'The trainer', role: 'trainer' },
    ]);
    const issued = await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    expect(issued.body).toEqual({ issued: 2, total: 2 });

    const list = await organiser.get(`/api/activities/${activity.id}/certificates`).expect(200);
    expect(list.body.items.map((c: { holderName: string }) => c.holderName)).toEqual(['Amina Diallo', 'Kofi Mensah']);
    expect(list.body.items[0]).toMatchObject({
      kind: 'activity',
      courseId: null,
      activityId: activity.id,
      courseTitle: 'Regional workshop on border security',
      hours: 21,
      expiresAt: null,
      status: 'valid',
      activity: { startsOn: '2026-11-23', endsOn: '2026-11-25', city: 'Nairobi', memberState: 'KEN' },
    });
    const rows = await t.dataSource.query(
      `SELECT holder_name, user_id, enrolment_id FROM certificates WHERE activity_participant_id = ANY($1) ORDER BY holder_name`,
      [activity.places],
    );
    expect(rows).toEqual([
      { holder_name: 'Amina Diallo', user_id: official.id, enrolment_id: null },
      { holder_name: 'Kofi Mensah', user_id: null, enrolment_id: null },
    ]);
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'certificate.issued' AND subject_id = ANY($1)`,
      [list.body.items.map((c: { id: string }) => c.id)],
    );
    expect(audit.n).toBe(2);

    // Again: nothing new, and the co-organiser may do it too.
    expect((await coOrganiser.post(`/api/activities/${activity.id}/certificates`).expect(200)).body).toEqual({ issued: 0, total: 2 });
  });

  it('issues exactly one certificate per participant when two requests race', async () => {
    const activity = await activityWith(Array.from({ length: 5 }, (_, i) => ({ fullName: `Participant ${i}` })));
    const responses = await Promise.all([
      organiser.post(`/api/activities/${activity.id}/certificates`),
      admin.post(`/api/activities/${activity.id}/certificates`),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses.map((r) => r.body.issued).sort()).toEqual([0, 5]);
    const rows: Array<{ serial: string }> = await t.dataSource.query(
      `SELECT serial FROM certificates WHERE activity_participant_id = ANY($1)`,
      [activity.places],
    );
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.serial)).size).toBe(5);
  });

  it('takes serials from the sequence course certificates use', async () => {
    const course = await buildCourse(organiser, { textLessons: 1 });
    const learner = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
    const done = await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    const courseSerial: string = done.body.certificate.serial;

    const activity = await activityWith([{ fullName: 'Next in line' }]);
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    const [row] = await t.dataSource.query(`SELECT serial FROM certificates WHERE activity_participant_id = $1`, [activity.places[0]]);
    expect(row.serial).toMatch(new RegExp(`^CTLP-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(serialNumber(row.serial)).toBe(serialNumber(courseSerial) + 1);
  });

  it('waits for the activity to be closed, and answers 404 to those who do not organise it', async () => {
    const held = await activityWith([{ fullName: 'Early' }], { status: 'held' });
    const refused = await organiser.post(`/api/activities/${held.id}/certificates`).expect(409);
    expect(refused.body.code).toBe('activity_not_closed');
    const closed = await activityWith([{ fullName: 'Someone' }]);
    const learner = await signIn(t.http, (await createUser(t.dataSource)).email);
    await otherTrainer.post(`/api/activities/${closed.id}/certificates`).expect(404);
    await otherTrainer.get(`/api/activities/${closed.id}/certificates`).expect(404);
    await learner.post(`/api/activities/${closed.id}/certificates`).expect(403);
    await request(t.http).post(`/api/activities/${closed.id}/certificates`).expect(401);
    const [count] = await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE activity_participant_id = ANY($1)`, [
      [...held.places, ...closed.places],
    ]);
    expect(count.n).toBe(0);
  });

  it('tells a holder with an account what they took part in, when and where, in their language', async () => {
    const official = await createUser(t.dataSource, { fullName: 'Olena Kovalenko' });
    const francophone = await createUser(t.dataSource, { fullName: 'Aïssata Diallo', locale: 'fr' });
    const activity = await activityWith([
      { fullName: 'Olena Kovalenko', userId: official.id },
      { fullName: 'Aïssata Diallo', userId: francophone.id },
      { fullName: 'No account' },
    ]);
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    await t.app.get(JobsService).drain(SEND_MAIL_JOB);
    const mails: Array<{ recipient: string; template: string; text_body: string }> = await t.dataSource.query(
      `SELECT m.recipient, m.template, m.text_body FROM certificates c JOIN mail_messages m ON m.key = 'certificate_issued:' || c.id
        WHERE c.activity_participant_id = ANY($1) ORDER BY m.recipient = $2 DESC`,
      [activity.places, official.email],
    );
    expect(mails.map((m) => [m.recipient, m.template])).toEqual([
      [official.email, 'participation_certificate_issued'],
      [francophone.email, 'participation_certificate_issued'],
    ]);
    const [english, french] = mails.map((m) => m.text_body);
    expect(english).toMatch(/taking part in “Regional workshop on border security”, 23\s?–\s?25 November 2026, in Nairobi, Kenya\./);
    expect(english).not.toMatch(/complet/i);
    expect(french).toMatch(/participé à « Regional workshop on border security », 23\s?–\s?25 novembre 2026, à Nairobi, Kenya\./);
  });
});

describe('a certificate of participation', () => {
  it('verifies publicly as participation, with the dates and place and nothing more about the holder', async () => {
    const activity = await activityWith([{ fullName: 'Kofi Mensah' }], { title: 'Study visit: port security' });
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    const [row] = await t.dataSource.query(`SELECT verification_code FROM certificates WHERE activity_participant_id = $1`, [
      activity.places[0],
    ]);
    const response = await request(t.http).get(`/api/verify/${row.verification_code}`).expect(200);
    expect(response.body).toEqual({
      status: 'valid',
      kind: 'activity',
      holderName: 'Kofi Mensah',
      courseTitle: 'Study visit: port security',
      activity: { startsOn: '2026-11-23', endsOn: '2026-11-25', city: 'Nairobi', memberState: 'KEN' },
      hours: 21,
      issuedAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
      current: null,
    });
    expect(JSON.stringify(response.body)).not.toContain(activity.id);
  });

  it('prints as a PDF saying the holder participated, with the dates and place', async () => {
    const activity = await activityWith([{ fullName: 'Amina Diallo' }]);
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    const [certificate] = (await organiser.get(`/api/activities/${activity.id}/certificates`).expect(200)).body.items;
    const text = (await pdfText(organiser, certificate.id)).replace(/\s+/g, ' ');
    for (const expected of [
      'Certificate of participation',
      'Amina Diallo',
      'participated in',
      'Regional workshop on border security',
      'Nairobi, Kenya',
      'November 2026',
      '21 hours',
      certificate.serial,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('online course');
  });

  it('prints in the holder’s language, the venue State named in it; in English for a participant without an account unless asked', async () => {
    const holder = await createUser(t.dataSource, { fullName: 'Ольга Иванова', locale: 'ru' });
    const activity = await activityWith([{ fullName: 'Ольга Иванова', userId: holder.id }, { fullName: 'Kofi Mensah' }]);
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    const items: Array<{ id: string; holderName: string }> = (
      await organiser.get(`/api/activities/${activity.id}/certificates`).expect(200)
    ).body.items;
    const [{ russian, spanish }] = await t.dataSource.query(
      `SELECT names->>'ru' AS russian, names->>'es' AS spanish FROM member_states WHERE code = 'KEN'`,
    );
    const holders = items.find((item) => item.holderName === 'Ольга Иванова')!;
    const text = (await pdfText(organiser, holders.id)).replace(/\s+/g, ' ');
    for (const expected of ['Сертификат участника', 'принял(а) участие в мероприятии', `Nairobi, ${russian}`, '23–25 ноября 2026']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('participation');
    const other = items.find((item) => item.holderName === 'Kofi Mensah')!;
    expect(await pdfText(organiser, other.id)).toContain('Certificate of participation');
    const asked = (await pdfText(organiser, other.id, '?locale=es')).replace(/\s+/g, ' ');
    expect(asked).toContain('Certificado de participación');
    expect(asked).toContain(`celebrado en Nairobi, ${spanish}`);
  });

  it('goes to its organisers, admins and the holder with an account; 404 for another trainer and other officials', async () => {
    const holder = await createUser(t.dataSource, { fullName: 'Holder Official' });
    const holderAgent = await signIn(t.http, holder.email);
    const activity = await activityWith([{ fullName: 'Holder Official', userId: holder.id }]);
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    const [certificate] = (await organiser.get(`/api/activities/${activity.id}/certificates`).expect(200)).body.items;
    for (const agent of [organiser, coOrganiser, admin, holderAgent]) {
      expect(await pdfText(agent, certificate.id)).toContain('Holder Official');
    }
    const stranger = await signIn(t.http, (await createUser(t.dataSource)).email);
    for (const agent of [otherTrainer, stranger]) {
      await agent.get(`/api/certificates/${certificate.id}/pdf`).expect(404);
      await agent.get(`/api/certificates/${certificate.id}`).expect(404);
    }
    await request(t.http).get(`/api/certificates/${certificate.id}/pdf`).expect(404);
  });

  it('is in the holder’s My certificates beside course certificates, also when the account was linked after issuing', async () => {
    const official = await createUser(t.dataSource, { fullName: 'Late Registrant' });
    const agent = await signIn(t.http, official.email);
    const course = await buildCourse(organiser, { textLessons: 1 });
    await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
    await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);

    const activity = await activityWith([{ fullName: 'Late Registrant (list)' }]);
    await organiser.post(`/api/activities/${activity.id}/certificates`).expect(200);
    // The person registers afterwards and their participant row is linked to the account.
    await t.dataSource.query(
      `UPDATE participants SET user_id = $1 WHERE id = (SELECT participant_id FROM activity_participants WHERE id = $2)`,
      [official.id, activity.places[0]],
    );
    const mine = await agent.get('/api/me/certificates').expect(200);
    expect(mine.body.items.map((c: { kind: string }) => c.kind).sort()).toEqual(['activity', 'course']);
    const participation = mine.body.items.find((c: { kind: string }) => c.kind === 'activity');
    expect(participation.holderName).toBe('Late Registrant (list)');
    await agent.get(`/api/certificates/${participation.id}`).expect(200);
  });
});
