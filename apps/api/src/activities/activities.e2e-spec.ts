import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { countQueries } from '../../test/query-count.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { AttendanceService } from './attendance.service.js';
import { listedPerson, type ParticipantInput } from './participant-input.js';
import { ParticipantsService } from './participants.service.js';
import { ParticipantsRepository, type PersonToMatch } from './participants.repository.js';

let t: TestApp;
let trainerA: TestAgent;
let trainerB: TestAgent;
let coTrainer: TestAgent;
let admin: TestAgent;
let focalKen: TestAgent;
let focalNga: TestAgent;
let learner: TestAgent;
let ids: { trainerA: string; trainerB: string; coTrainer: string; learner: string };

function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'workshop',
    title: 'Countering the financing of terrorism',
    delivery: 'in_person',
    startsOn: '2027-03-01',
    endsOn: '2027-03-03',
    venueMemberState: 'KEN',
    city: 'Nairobi',
    memberStates: ['UGA', 'TZA'],
    languages: ['en', 'fr'],
    topics: ['financing'],
    hours: 18,
    requiredAttendance: 100,
    ...overrides,
  };
}

async function create(agent: TestAgent, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await agent.post('/api/activities').send(activity(overrides));
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.dataSource, { roles: ['trainer'], fullName: 'Trainer A' });
  const b = await createUser(t.dataSource, { roles: ['trainer'], fullName: 'Trainer B' });
  const co = await createUser(t.dataSource, { roles: ['trainer'], fullName: 'Co Trainer' });
  const ad = await createUser(t.dataSource, { roles: ['admin'] });
  const fk = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'KEN' });
  const fn = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'NGA' });
  const l = await createUser(t.dataSource, { roles: ['learner'] });
  ids = { trainerA: a.id, trainerB: b.id, coTrainer: co.id, learner: l.id };
  [trainerA, trainerB, coTrainer, admin, focalKen, focalNga, learner] = await Promise.all(
    [a, b, co, ad, fk, fn, l].map((user) => signIn(t.http, user.email)),
  );
});

afterAll(() => t.close());

describe('activities', () => {
  it('creates an activity with its organiser, reads it back and audits it', async () => {
    const course = await buildCourse(trainerA, { publish: false });
    const created = await trainerA
      .post('/api/activities')
      .send(activity({ courseId: course.id, capacity: 25, coOrganiserIds: [ids.coTrainer], hours: 7.5 }))
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'workshop',
      startsOn: '2027-03-01',
      endsOn: '2027-03-03',
      venueMemberState: 'KEN',
      memberStates: ['UGA', 'TZA'],
      languages: ['en', 'fr'],
      hours: 7.5,
      requiredAttendance: 100,
      requiredDays: 3,
      courseId: course.id,
      capacity: 25,
      status: 'planned',
      canManage: true,
      participantCount: 0,
    });
    expect(created.body.organiser.id).toBe(ids.trainerA);
    expect(created.body.coOrganisers.map((o: { id: string }) => o.id)).toEqual([ids.coTrainer]);
    const [event] = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE subject_id = $1`, [created.body.id]);
    expect(event).toEqual({ action: 'activity.created', actor_id: ids.trainerA });
    // The co-organiser manages it too, but who co-organises is the organiser's choice.
    await coTrainer
      .patch(`/api/activities/${created.body.id}`)
      .send({ city: 'Mombasa', memberStates: ['uga'] })
      .expect(200);
    const read = await coTrainer.get(`/api/activities/${created.body.id}`).expect(200);
    expect(read.body).toMatchObject({ city: 'Mombasa', memberStates: ['UGA'], canManage: true });
    const refused = await coTrainer.patch(`/api/activities/${created.body.id}`).send({ coOrganiserIds: [] }).expect(403);
    expect(refused.body.code).toBe('forbidden');
    const cleared = await trainerA.patch(`/api/activities/${created.body.id}`).send({ coOrganiserIds: [] }).expect(200);
    expect(cleared.body.coOrganisers).toEqual([]);
    await coTrainer.get(`/api/activities/${created.body.id}`).expect(404);
  });

  it.each([
    ['kind', { kind: 'party' }, 'not_one_of'],
    ['title', { title: '   ' }, 'required'],
    ['startsOn', { startsOn: '2027-02-30' }, 'not_date'],
    ['endsOn', { endsOn: '2027-3-3' }, 'not_date'],
    ['endsOn', { endsOn: '2027-02-28' }, 'must_not_be_before'],
    ['endsOn', { endsOn: '2028-03-01' }, 'activity_too_long'],
    ['venueMemberState', { venueMemberState: null }, 'required'],
    ['venueMemberState', { venueMemberState: 'XXX' }, 'unknown_member_state'],
    ['memberStates', { memberStates: ['KEN', 'ZZZ'] }, 'unknown_member_state'],
    ['languages', { languages: ['de'] }, 'not_one_of'],
    ['hours', { hours: -1 }, 'too_small'],
    ['requiredAttendance', { requiredAttendance: 101 }, 'too_large'],
    ['requiredAttendance', { requiredAttendance: 50.5 }, 'not_integer'],
    ['capacity', { capacity: 0 }, 'too_small'],
    ['courseId', { courseId: '00000000-0000-4000-8000-000000000000' }, 'unknown_course'],
    ['coOrganiserIds', { coOrganiserIds: ['00000000-0000-4000-8000-000000000000'] }, 'not_an_active_trainer'],
    ['colour', { colour: 'red' }, 'unknown_property'],
  ])('refuses a bad %s naming it', async (field, overrides, code) => {
    const response = await trainerA.post('/api/activities').send(activity(overrides)).expect(400);
    expect(response.body.fields[field]).toMatchObject({ code });
  });

  it('takes no venue for an online activity, and refuses a course the trainer cannot see', async () => {
    const online = await trainerA
      .post('/api/activities')
      .send(activity({ delivery: 'online', venueMemberState: null, city: null }))
      .expect(201);
    expect(online.body.venueMemberState).toBeNull();
    const hidden = await buildCourse(trainerB, { publish: false });
    const refused = await trainerA
      .post('/api/activities')
      .send(activity({ courseId: hidden.id }))
      .expect(400);
    expect(refused.body.fields.courseId.code).toBe('unknown_course');
    const published = await buildCourse(trainerB, { publish: true });
    await trainerA
      .post('/api/activities')
      .send(activity({ courseId: published.id }))
      .expect(201);
  });

  it('lets only organisers and admins manage, focal points read their State’s, and hides the rest (404)', async () => {
    const id = await create(trainerA, { venueMemberState: 'KEN', memberStates: ['UGA'] });
    const serving = await create(trainerA, { venueMemberState: 'FRA', memberStates: ['KEN'] });
    const elsewhere = await create(trainerA, { venueMemberState: 'FRA', memberStates: ['BEL'] });

    await trainerB.get(`/api/activities/${id}`).expect(404);
    await trainerB.patch(`/api/activities/${id}`).send({ title: 'Mine now' }).expect(404);
    await trainerB.post(`/api/activities/${id}/hold`).expect(404);
    await trainerB.get(`/api/activities/${id}/participants`).expect(404);
    await learner.get(`/api/activities/${id}`).expect(404);
    await learner.get(`/api/activities/${id}/participants`).expect(404);
    const listB = await trainerB.get('/api/activities').expect(200);
    expect(listB.body.items.map((a: { id: string }) => a.id)).not.toContain(id);

    const read = await focalKen.get(`/api/activities/${id}`).expect(200);
    expect(read.body.canManage).toBe(false);
    await focalKen.get(`/api/activities/${serving}`).expect(200);
    await focalKen.get(`/api/activities/${elsewhere}`).expect(404);
    await focalKen.patch(`/api/activities/${id}`).send({ title: 'x' }).expect(403);
    await focalNga.get(`/api/activities/${id}`).expect(404);
    const listKen = await focalKen.get('/api/activities?limit=200').expect(200);
    const seen = listKen.body.items.map((a: { id: string }) => a.id);
    expect(seen).toEqual(expect.arrayContaining([id, serving]));
    expect(seen).not.toContain(elsewhere);

    const byAdmin = await admin.patch(`/api/activities/${id}`).send({ title: 'Renamed by admin' }).expect(200);
    expect(byAdmin.body.title).toBe('Renamed by admin');
  });

  it('lists with filters and paging', async () => {
    const webinar = await create(trainerB, {
      kind: 'webinar',
      delivery: 'online',
      venueMemberState: null,
      memberStates: ['NGA'],
      title: 'Webinar on prison radicalisation',
      startsOn: '2026-05-10',
      endsOn: '2026-05-10',
    });
    const study = await create(trainerB, { kind: 'study_visit', title: 'Study visit', startsOn: '2026-06-01', endsOn: '2026-06-05' });
    const all = await trainerB.get('/api/activities').expect(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((a: { id: string }) => a.id)).toEqual([study, webinar]);
    const kind = await trainerB.get('/api/activities?kind=webinar').expect(200);
    expect(kind.body.items.map((a: { id: string }) => a.id)).toEqual([webinar]);
    const state = await trainerB.get('/api/activities?memberState=NGA').expect(200);
    expect(state.body.items.map((a: { id: string }) => a.id)).toEqual([webinar]);
    const dates = await trainerB.get('/api/activities?from=2026-05-11&to=2026-06-01').expect(200);
    expect(dates.body.items.map((a: { id: string }) => a.id)).toEqual([study]);
    const q = await trainerB.get('/api/activities?q=radical').expect(200);
    expect(q.body.items.map((a: { id: string }) => a.id)).toEqual([webinar]);
    const page = await trainerB.get('/api/activities?limit=1&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: 2, items: [{ id: webinar }] });
    const past = await trainerB.get('/api/activities?limit=1&offset=5').expect(200);
    expect(past.body).toEqual({ items: [], total: 2 });
    const bad = await trainerB.get('/api/activities?from=2026-06-01&to=2026-05-01').expect(400);
    expect(bad.body.fields.to.code).toBe('must_not_be_before');
    await trainerB.get('/api/activities?status=open').expect(400);
  });

  it('moves planned → held → closed, audited, and a closed activity refuses changes', async () => {
    const id = await create(trainerA);
    const early = await trainerA.post(`/api/activities/${id}/close`).expect(409);
    expect(early.body.code).toBe('activity_not_held');
    await trainerA.post(`/api/activities/${id}/hold`).expect(200);
    const person = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ fullName: 'Amina Diallo', email: 'amina.closed@example.org', memberState: 'KEN' }] })
      .expect(200);
    const closed = await trainerA.post(`/api/activities/${id}/close`).expect(200);
    expect(closed.body.status).toBe('closed');
    await trainerA.post(`/api/activities/${id}/close`).expect(200);

    const place = person.body.items[0].activityParticipantId;
    const refusals = [
      trainerA.patch(`/api/activities/${id}`).send({ title: 'Later' }),
      trainerA.post(`/api/activities/${id}/hold`),
      trainerA.post(`/api/activities/${id}/participants`).send({ participants: [{ fullName: 'Late', memberState: 'KEN' }] }),
      trainerA.post(`/api/activities/${id}/attendance`).send({ participantId: place, date: '2027-03-01', present: true }),
      trainerA.delete(`/api/activities/${id}/participants/${place}`),
      trainerA.patch(`/api/activities/${id}/participants/${place}`).send({ role: 'speaker' }),
    ];
    for (const response of await Promise.all(refusals)) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('activity_closed');
    }
    const events = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'activity.created',
      'activity.held',
      'activity.participants_added',
      'activity.closed',
    ]);
  });
});

describe('organiser candidates', () => {
  it('offers active trainers only, by name or email, to trainers and admins', async () => {
    const found = await createUser(t.dataSource, {
      roles: ['trainer'],
      fullName: 'Candidate Organiser',
      email: 'candidate.organiser@example.org',
      institution: 'Judicial Academy',
    });
    await createUser(t.dataSource, { roles: ['trainer'], fullName: 'Candidate Suspended', status: 'suspended' });
    await createUser(t.dataSource, { roles: ['learner'], fullName: 'Candidate Learner' });
    const byName = await trainerA.get('/api/activities/organiser-candidates?q=candidate').expect(200);
    expect(byName.body).toEqual({
      items: [
        {
          userId: found.id,
          fullName: 'Candidate Organiser',
          email: 'candidate.organiser@example.org',
          memberState: 'KEN',
          institution: 'Judicial Academy',
        },
      ],
      total: 1,
    });
    // Wildcards are searched for as characters, not as patterns.
    expect((await admin.get('/api/activities/organiser-candidates?q=%25%25').expect(200)).body.items).toEqual([]);
    const byEmail = await admin.get('/api/activities/organiser-candidates?q=CANDIDATE.organiser@').expect(200);
    expect(byEmail.body.items.map((c: { userId: string }) => c.userId)).toEqual([found.id]);
    // The organiser named through the search is accepted as a co-organiser.
    const id = await create(trainerA, { coOrganiserIds: [byName.body.items[0].userId] });
    expect((await trainerA.get(`/api/activities/${id}`).expect(200)).body.coOrganisers).toEqual([
      { id: found.id, fullName: 'Candidate Organiser', email: 'candidate.organiser@example.org' },
    ]);
  });

  it('refuses learners and focal points (403) and a query shorter than two characters (400, field named)', async () => {
    expect((await learner.get('/api/activities/organiser-candidates?q=candidate').expect(403)).body.code).toBe('role_required');
    await focalKen.get('/api/activities/organiser-candidates?q=candidate').expect(403);
    const short = await trainerA.get('/api/activities/organiser-candidates?q=c').expect(400);
    expect(short.body.fields.q.code).toBe('too_short');
    const missing = await trainerA.get('/api/activities/organiser-candidates').expect(400);
    expect(Object.keys(missing.body.fields)).toEqual(['q']);
  });
});

describe('participants', () => {
  it('adds people from a list and by account, one person per email across activities', async () => {
    const official = await createUser(t.dataSource, {
      email: 'official.one@example.org',
      fullName: 'Registered Official',
      memberState: 'UGA',
    });
    const first = await create(trainerA);
    const second = await create(trainerA);
    const added = await trainerA
      .post(`/api/activities/${first}/participants`)
      .send({
        participants: [
          { fullName: 'Listed Person', email: 'Listed.Person@Example.org', memberState: 'ken', gender: 'male', agencyType: 'police' },
          { fullName: 'Name From The List', email: '  OFFICIAL.one@example.org ', memberState: 'FRA' },
          { userId: ids.learner, role: 'speaker' },
          { fullName: 'No Email', memberState: 'TZA' },
        ],
      })
      .expect(200);
    expect(added.body.items.map((i: { outcome: string; matchedAccount: boolean }) => [i.outcome, i.matchedAccount])).toEqual([
      ['added', false],
      ['added', true],
      ['added', true],
      ['added', false],
    ]);

    const list = await trainerA.get(`/api/activities/${first}/participants`).expect(200);
    expect(list.body.total).toBe(4);
    expect(list.body.days).toEqual(['2027-03-01', '2027-03-02', '2027-03-03']);
    const byEmail = (email: string) => list.body.items.find((i: { email: string | null }) => i.email === email);
    // The account's details, not the list's.
    expect(byEmail('official.one@example.org')).toMatchObject({ fullName: 'Registered Official', memberState: 'UGA', userId: official.id });
    expect(byEmail('Listed.Person@Example.org')).toMatchObject({ memberState: 'KEN', gender: 'male', agencyType: 'police', userId: null });

    // Again in a second activity, with other case and spacing: the same people.
    const again = await trainerA
      .post(`/api/activities/${second}/participants`)
      .send({
        participants: [{ fullName: 'Listed Person', email: 'listed.person@example.ORG', memberState: 'KEN' }, { userId: official.id }],
      })
      .expect(200);
    expect(again.body.items[0].participantId).toBe(added.body.items[0].participantId);
    expect(again.body.items[1].participantId).toBe(added.body.items[1].participantId);
    const [{ rows }] = await t.dataSource.query(
      `SELECT count(*)::int AS rows FROM participants WHERE email_key = 'listed.person@example.org'`,
    );
    expect(rows).toBe(1);

    // Adding the same list again changes nothing; a new role is an update.
    const repeat = await trainerA
      .post(`/api/activities/${first}/participants`)
      .send({
        participants: [
          { fullName: 'Listed Person', email: 'listed.person@example.org', memberState: 'KEN' },
          { fullName: 'No Email', memberState: 'TZA' },
          { userId: ids.learner, role: 'trainer' },
        ],
      })
      .expect(200);
    expect(repeat.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['unchanged', 'unchanged', 'updated']);
    expect((await trainerA.get(`/api/activities/${first}/participants`).expect(200)).body.total).toBe(4);
  });

  it('keeps one person when two activities add the same new email at the same time', async () => {
    const [first, second] = await Promise.all([create(trainerA), create(trainerA)]);
    const body = { participants: [{ fullName: 'Racing Person', email: 'racing.person@example.org', memberState: 'KEN' }] };
    const [a, b] = await Promise.all([
      trainerA.post(`/api/activities/${first}/participants`).send(body).expect(200),
      trainerA.post(`/api/activities/${second}/participants`).send(body).expect(200),
    ]);
    expect(a.body.items[0].participantId).toBe(b.body.items[0].participantId);
    const rows = await t.dataSource.query(`SELECT id FROM participants WHERE email_key = 'racing.person@example.org'`);
    expect(rows).toHaveLength(1);
  });

  it('refuses bad items naming the field', async () => {
    const id = await create(trainerA);
    const response = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({
        participants: [
          { fullName: '', memberState: 'KEN' },
          { fullName: 'X', memberState: 'QQQ' },
          { fullName: 'Y', memberState: 'KEN', email: 'not-an-email' },
          { userId: '00000000-0000-4000-8000-000000000000' },
          { userId: ids.learner, fullName: 'Other name' },
          { fullName: 'Z', memberState: 'KEN', role: 'host' },
        ],
      })
      .expect(400);
    expect(Object.keys(response.body.fields).sort()).toEqual(
      ['participants.0.fullName', 'participants.2.email', 'participants.5.role'].sort(),
    );
    const domain = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({
        participants: [
          { fullName: 'X', memberState: 'QQQ' },
          { userId: '00000000-0000-4000-8000-000000000000' },
          { userId: ids.learner, fullName: 'Other name' },
        ],
      })
      .expect(400);
    expect(domain.body.fields).toMatchObject({
      'participants.0.memberState': { code: 'unknown_member_state' },
      'participants.1.userId': { code: 'unknown_user' },
      'participants.2.fullName': { code: 'unknown_property' },
    });
    expect((await trainerA.get(`/api/activities/${id}/participants`).expect(200)).body.total).toBe(0);
  });

  it('refuses additions beyond capacity, counting only role participant', async () => {
    const id = await create(trainerA, { capacity: 2 });
    await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({
        participants: [
          { fullName: 'One', email: 'cap.one@example.org', memberState: 'KEN' },
          { fullName: 'Two', email: 'cap.two@example.org', memberState: 'KEN' },
          { fullName: 'The Trainer', email: 'cap.trainer@example.org', memberState: 'KEN', role: 'trainer' },
        ],
      })
      .expect(200);
    const full = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ fullName: 'Three', email: 'cap.three@example.org', memberState: 'KEN' }] })
      .expect(409);
    expect(full.body).toMatchObject({ code: 'activity_full', params: { capacity: 2 } });
    const list = await trainerA.get(`/api/activities/${id}/participants`).expect(200);
    expect(list.body.total).toBe(3);
    const trainerPlace = list.body.items.find((i: { role: string }) => i.role === 'trainer').id;
    const promote = await trainerA.patch(`/api/activities/${id}/participants/${trainerPlace}`).send({ role: 'participant' }).expect(409);
    expect(promote.body.code).toBe('activity_full');
    // Racing additions: exactly the free places are taken.
    const one = list.body.items.find((i: { fullName: string }) => i.fullName === 'One').id;
    await trainerA.delete(`/api/activities/${id}/participants/${one}`).expect(204);
    const race = await Promise.all(
      ['a', 'b', 'c'].map((n) =>
        trainerA
          .post(`/api/activities/${id}/participants`)
          .send({ participants: [{ fullName: n, email: `race.${n}@example.org`, memberState: 'KEN' }] }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('removes a place and changes a role; another activity’s place is 404', async () => {
    const id = await create(trainerA);
    const other = await create(trainerA);
    const added = await trainerA
      .post(`/api/activities/${other}/participants`)
      .send({ participants: [{ fullName: 'Elsewhere', memberState: 'KEN' }] })
      .expect(200);
    const foreign = added.body.items[0].activityParticipantId;
    await trainerA.delete(`/api/activities/${id}/participants/${foreign}`).expect(404);
    await trainerA.patch(`/api/activities/${id}/participants/${foreign}`).send({ role: 'speaker' }).expect(404);
    const changed = await trainerA.patch(`/api/activities/${other}/participants/${foreign}`).send({ role: 'speaker' }).expect(200);
    expect(changed.body).toMatchObject({ id: foreign, role: 'speaker', fullName: 'Elsewhere' });
    await trainerA.delete(`/api/activities/${other}/participants/${foreign}`).expect(204);
    expect((await trainerA.get(`/api/activities/${other}/participants`).expect(200)).body.total).toBe(0);
  });

  it('finds active officials to add by search, for organisers only', async () => {
    await createUser(t.dataSource, { fullName: 'Searchable Magistrate', email: 'magistrate.search@example.org' });
    await createUser(t.dataSource, { fullName: 'Searchable Suspended', status: 'suspended' });
    const id = await create(trainerA);
    const found = await trainerA.get(`/api/activities/${id}/participant-candidates?q=searchable`).expect(200);
    expect(found.body.items.map((c: { fullName: string }) => c.fullName)).toEqual(['Searchable Magistrate']);
    expect(found.body.items[0].alreadyAdded).toBe(false);
    await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ userId: found.body.items[0].userId }] })
      .expect(200);
    const after = await trainerA.get(`/api/activities/${id}/participant-candidates?q=magistrate.search`).expect(200);
    expect(after.body.items[0].alreadyAdded).toBe(true);
    await trainerB.get(`/api/activities/${id}/participant-candidates?q=searchable`).expect(404);
    await focalKen.get(`/api/activities/${id}/participant-candidates?q=searchable`).expect(403);
    await trainerA.get(`/api/activities/${id}/participant-candidates?q=s`).expect(400);
  });
});

describe('account linking', () => {
  it('links a person added by email when they register later, and merges when the account already had its own row', async () => {
    const first = await create(trainerA, { startsOn: '2027-04-01', endsOn: '2027-04-02', requiredAttendance: 100 });
    const second = await create(trainerA);
    const listed = await trainerA
      .post(`/api/activities/${first}/participants`)
      .send({ participants: [{ fullName: 'Later Registrant', email: 'Later.Registrant@example.org', memberState: 'NGA' }] })
      .expect(200);
    const user = await createUser(t.dataSource, { email: 'later.registrant@example.org', fullName: 'Later Registrant (account)' });
    const [row] = await t.dataSource.query(`SELECT user_id FROM participants WHERE id = $1`, [listed.body.items[0].participantId]);
    expect(row.user_id).toBe(user.id);
    const list = await trainerA.get(`/api/activities/${first}/participants`).expect(200);
    expect(list.body.items[0]).toMatchObject({ userId: user.id, fullName: 'Later Registrant (account)' });

    // An account placed by id, and a list row under another address both in `first` and alone in `second`.
    const merged = await createUser(t.dataSource, { email: 'old.address@example.org', fullName: 'Merged Official' });
    const byAccount = await trainerA
      .post(`/api/activities/${first}/participants`)
      .send({ participants: [{ userId: merged.id }] })
      .expect(200);
    const byList = await trainerA
      .post(`/api/activities/${first}/participants`)
      .send({ participants: [{ fullName: 'M. Official', email: 'new.address@example.org', memberState: 'KEN', role: 'speaker' }] })
      .expect(200);
    await trainerA
      .post(`/api/activities/${second}/participants`)
      .send({ participants: [{ fullName: 'M. Official', email: 'new.address@example.org', memberState: 'KEN' }] })
      .expect(200);
    const accountPlace = byAccount.body.items[0].activityParticipantId;
    await trainerA
      .post(`/api/activities/${first}/attendance`)
      .send({ participantId: accountPlace, date: '2027-04-01', present: true })
      .expect(200);
    await trainerA
      .post(`/api/activities/${first}/attendance`)
      .send({ participantId: byList.body.items[0].activityParticipantId, date: '2027-04-02', present: true })
      .expect(200);

    await t.dataSource.query(`UPDATE users SET email = 'new.address@example.org' WHERE id = $1`, [merged.id]);

    const rows = await t.dataSource.query(`SELECT id FROM participants WHERE user_id = $1 OR email_key = 'new.address@example.org'`, [
      merged.id,
    ]);
    expect(rows).toEqual([{ id: byAccount.body.items[0].participantId }]);
    const places = await t.dataSource.query(
      `SELECT ap.activity_id, ap.id, ap.role, ap.completed FROM activity_participants ap WHERE ap.participant_id = $1 ORDER BY ap.activity_id`,
      [rows[0].id],
    );
    expect(places.map((p: { activity_id: string }) => p.activity_id).sort()).toEqual([first, second].sort());
    const inFirst = places.find((p: { activity_id: string }) => p.activity_id === first);
    // The account's place stays (its role), takes the other's day, and now completes both days.
    expect(inFirst).toMatchObject({ id: accountPlace, role: 'participant', completed: true });
    const days = await t.dataSource.query(
      `SELECT day::text, present FROM activity_attendance WHERE activity_participant_id = $1 ORDER BY day`,
      [accountPlace],
    );
    expect(days).toEqual([
      { day: '2027-04-01', present: true },
      { day: '2027-04-02', present: true },
    ]);
  });

  it('merges an account with a listed person whose place holds a certificate of participation, moving the certificate', async () => {
    const id = await create(trainerA, { startsOn: '2027-09-01', endsOn: '2027-09-02', requiredAttendance: 100 });
    const account = await createUser(t.dataSource, { email: 'certified.old@example.org', fullName: 'Certified Official' });
    const placed = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ userId: account.id }, { fullName: 'C. Official', email: 'certified.new@example.org', memberState: 'KEN' }] })
      .expect(200);
    const [mine, theirs] = placed.body.items.map((i: { activityParticipantId: string }) => i.activityParticipantId);
    for (const date of ['2027-09-01', '2027-09-02']) {
      await trainerA.post(`/api/activities/${id}/attendance`).send({ participantId: theirs, date, present: true }).expect(200);
    }
    await trainerA.post(`/api/activities/${id}/hold`).expect(200);
    await trainerA.post(`/api/activities/${id}/close`).expect(200);
    await trainerA.post(`/api/activities/${id}/certificates`).expect((r) => expect(r.status).toBeLessThan(300));
    const [issued] = await t.dataSource.query(`SELECT id, activity_participant_id FROM certificates WHERE activity_participant_id = $1`, [
      theirs,
    ]);
    expect(issued).toBeDefined();

    await t.dataSource.query(`UPDATE users SET email = 'certified.new@example.org' WHERE id = $1`, [account.id]);

    const [moved] = await t.dataSource.query(`SELECT activity_participant_id FROM certificates WHERE id = $1`, [issued.id]);
    expect(moved.activity_participant_id).toBe(mine);
    const places = await t.dataSource.query(`SELECT id, completed FROM activity_participants WHERE activity_id = $1`, [id]);
    expect(places).toEqual([{ id: mine, completed: true }]);
  });
});

describe('attendance', () => {
  async function placeOne(id: string, email: string): Promise<string> {
    const added = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ fullName: 'Attendee', email, memberState: 'KEN' }] })
      .expect(200);
    return added.body.items[0].activityParticipantId as string;
  }

  const mark = (id: string, participantId: string, date: string, present = true) =>
    trainerA.post(`/api/activities/${id}/attendance`).send({ participantId, date, present });

  it('completes at the required share of days, rounding up', async () => {
    // 3 days at 50 %: ceil(1.5) = 2 days.
    const id = await create(trainerA, { startsOn: '2027-05-01', endsOn: '2027-05-03', requiredAttendance: 50 });
    const place = await placeOne(id, 'att.half@example.org');
    expect((await mark(id, place, '2027-05-01').expect(200)).body.completed).toBe(false);
    expect((await mark(id, place, '2027-05-03').expect(200)).body.completed).toBe(true);
    expect((await mark(id, place, '2027-05-03', false).expect(200)).body.completed).toBe(false);
    const read = await trainerA.get(`/api/activities/${id}/participants`).expect(200);
    expect(read.body.items[0].attendance).toEqual([
      { day: '2027-05-01', present: true },
      { day: '2027-05-03', present: false },
    ]);
  });

  it('0 % needs one day present; 100 % needs every day', async () => {
    const zero = await create(trainerA, { startsOn: '2027-05-01', endsOn: '2027-05-05', requiredAttendance: 0 });
    const place = await placeOne(zero, 'att.zero@example.org');
    expect((await mark(zero, place, '2027-05-02', false).expect(200)).body.completed).toBe(false);
    expect((await mark(zero, place, '2027-05-04').expect(200)).body.completed).toBe(true);

    const full = await create(trainerA, { startsOn: '2027-05-01', endsOn: '2027-05-02', requiredAttendance: 100 });
    const other = await placeOne(full, 'att.full@example.org');
    expect((await mark(full, other, '2027-05-01').expect(200)).body.completed).toBe(false);
    expect((await mark(full, other, '2027-05-02').expect(200)).body.completed).toBe(true);
  });

  it('refuses a date outside the activity and a place of another activity', async () => {
    const id = await create(trainerA, { startsOn: '2027-05-01', endsOn: '2027-05-02' });
    const place = await placeOne(id, 'att.outside@example.org');
    const outside = await mark(id, place, '2027-05-03').expect(400);
    expect(outside.body.fields.date.code).toBe('outside_activity_dates');
    const invalid = await mark(id, place, '2027-02-31').expect(400);
    expect(invalid.body.fields.date.code).toBe('not_date');
    const other = await create(trainerA, { startsOn: '2027-05-01', endsOn: '2027-05-02' });
    await mark(other, place, '2027-05-01').expect(404);
    await trainerB.post(`/api/activities/${id}/attendance`).send({ participantId: place, date: '2027-05-01', present: true }).expect(404);
  });

  it('recomputes completion when the dates or the required share change, dropping days outside', async () => {
    const id = await create(trainerA, { startsOn: '2027-06-01', endsOn: '2027-06-04', requiredAttendance: 50 });
    const place = await placeOne(id, 'att.change@example.org');
    await mark(id, place, '2027-06-01').expect(200);
    expect((await mark(id, place, '2027-06-04').expect(200)).body.completed).toBe(true);
    // 75 % of 4 days = 3: not complete any more.
    let read = await trainerA.patch(`/api/activities/${id}`).send({ requiredAttendance: 75 }).expect(200);
    expect(read.body.completedCount).toBe(0);
    // Two days, 2027-06-01 and 02: 75 % = 2 days; the 4th is dropped, so one day present.
    read = await trainerA.patch(`/api/activities/${id}`).send({ endsOn: '2027-06-02' }).expect(200);
    expect(read.body.completedCount).toBe(0);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM activity_attendance WHERE activity_participant_id = $1`,
      [place],
    );
    expect(count).toBe(1);
    read = await trainerA.patch(`/api/activities/${id}`).send({ requiredAttendance: 50 }).expect(200);
    expect(read.body.completedCount).toBe(1);
  });

  it('stays exact when marks for the same person race', async () => {
    const id = await create(trainerA, { startsOn: '2027-07-01', endsOn: '2027-07-04', requiredAttendance: 100 });
    const place = await placeOne(id, 'att.race@example.org');
    const days = ['2027-07-01', '2027-07-02', '2027-07-03', '2027-07-04'];
    await Promise.all(days.map((day) => mark(id, place, day).expect(200)));
    const [row] = await t.dataSource.query(`SELECT completed FROM activity_participants WHERE id = $1`, [place]);
    expect(row.completed).toBe(true);
  });
});

describe('the services imports and check-in use', () => {
  const person = (n: number, overrides: Partial<ParticipantInput> = {}): ParticipantInput => ({
    fullName: `Imported ${n}`,
    email: n % 2 ? `imported.${n}@example.org` : null,
    memberState: 'KEN',
    institution: null,
    agencyType: null,
    gender: null,
    role: 'participant',
    ...overrides,
  });

  it('adds with the same number of statements for 3 people as for 300', async () => {
    const service = t.app.get(ParticipantsService);
    const small = await create(trainerA);
    const large = await create(trainerA);
    const few = await countQueries(() =>
      t.dataSource.transaction((m) =>
        service.add(
          m,
          small,
          [1, 2, 3].map((n) => person(n)),
        ),
      ),
    );
    const many = await countQueries(() =>
      t.dataSource.transaction((m) =>
        service.add(
          m,
          large,
          Array.from({ length: 300 }, (_, n) => person(n + 100)),
        ),
      ),
    );
    expect(many.statements).toBe(few.statements);
    expect(few.statements).toBeLessThanOrEqual(10);
    expect((await trainerA.get(`/api/activities/${large}/participants?limit=1`).expect(200)).body.total).toBe(300);
  });

  it('matches emails across Unicode forms and case', async () => {
    const service = t.app.get(ParticipantsService);
    const id = await create(trainerA);
    const [viaImport] = await t.dataSource.transaction((m) => service.add(m, id, [person(1, { email: ' Ｕｎｉ.Ｃｏｄｅ@example.org ' })]));
    const viaApi = await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ fullName: 'Uni Code', email: 'uni.code@EXAMPLE.org', memberState: 'KEN' }] })
      .expect(200);
    expect(viaApi.body.items[0]).toMatchObject({ participantId: viaImport!.participantId, outcome: 'updated' });
  });

  it('matches people by one rule for every way in: one person per email key, an account’s row first, known details refreshed', async () => {
    // ParticipantsRepository.matchPeople is what ParticipantsService.add and the historical import both call.
    const repository = t.app.get(ParticipantsRepository);
    const [here, elsewhere] = [await create(trainerA), await create(trainerA)];
    const account = await createUser(t.dataSource, { email: 'match.me@example.org', fullName: 'Match Me', memberState: 'NGA' });
    await trainerA
      .post(`/api/activities/${here}/participants`)
      .send({
        participants: [
          { fullName: 'Known Person', email: 'known@example.org', memberState: 'KEN', institution: 'Old Institution' },
          { fullName: 'Nadia Noemail', memberState: 'KEN' },
        ],
      })
      .expect(200);
    const listed = (fullName: string, email: string | null, institution: string | null = null) =>
      listedPerson({ fullName, email, memberState: 'KEN', institution, agencyType: null, gender: null, role: 'participant' }, randomUUID());
    // Fresh ids each time, as each caller makes them.
    const inputs = (): PersonToMatch[] => [
      { ord: 0, activityId: here, userId: null, person: listed('Match Me', ' MATCH.me@Example.org ') },
      { ord: 1, activityId: here, userId: account.id, person: null },
      { ord: 2, activityId: here, userId: null, person: listed('Known Person', 'KNOWN@example.org', 'New Institution') },
      { ord: 3, activityId: here, userId: null, person: listed('First Spelling', 'fresh@example.org') },
      { ord: 4, activityId: elsewhere, userId: null, person: listed('Last Spelling', 'FRESH@example.org') },
      { ord: 5, activityId: here, userId: null, person: listed('NADIA NOEMAIL', null) },
      { ord: 6, activityId: elsewhere, userId: null, person: listed('Nadia Noemail', null) },
      { ord: 7, activityId: elsewhere, userId: null, person: listed('nadia noemail', null) },
      { ord: 8, activityId: here, userId: randomUUID(), person: null },
    ];
    const match = () => t.dataSource.transaction((m) => repository.matchPeople(inputs(), m));
    const first = await match();
    const rows = (await t.dataSource.query(
      `SELECT p.id, p.user_id, p.full_name, p.email_key, p.institution FROM participants p
        WHERE p.user_id = $1 OR p.email_key IN ('known@example.org', 'fresh@example.org') OR lower(p.full_name) = 'nadia noemail'`,
      [account.id],
    )) as Array<{ id: string; user_id: string | null; full_name: string; email_key: string | null; institution: string | null }>;
    const idOf = (predicate: (row: (typeof rows)[number]) => boolean) => rows.filter(predicate).map((row) => row.id);
    const [accountRow] = idOf((row) => row.user_id === account.id);
    const [known] = idOf((row) => row.email_key === 'known@example.org');
    const [fresh] = idOf((row) => row.email_key === 'fresh@example.org');
    const nadias = idOf((row) => row.full_name.toLowerCase() === 'nadia noemail');
    expect(nadias).toHaveLength(2);
    const [nadiaHere] = (await t.dataSource.query(
      `SELECT p.id FROM participants p JOIN activity_participants ap ON ap.participant_id = p.id WHERE ap.activity_id = $1 AND p.full_name = 'Nadia Noemail'`,
      [here],
    )) as Array<{ id: string }>;
    const nadiaElsewhere = nadias.find((id) => id !== nadiaHere!.id);
    expect(first).toEqual([
      { ord: 0, participantId: accountRow, linked: true, detailsChanged: false },
      { ord: 1, participantId: accountRow, linked: true, detailsChanged: false },
      { ord: 2, participantId: known, linked: false, detailsChanged: true },
      { ord: 3, participantId: fresh, linked: false, detailsChanged: false },
      { ord: 4, participantId: fresh, linked: false, detailsChanged: false },
      // Without an email: the same name and State in the same activity only.
      { ord: 5, participantId: nadiaHere!.id, linked: false, detailsChanged: false },
      { ord: 6, participantId: nadiaElsewhere, linked: false, detailsChanged: false },
      { ord: 7, participantId: nadiaElsewhere, linked: false, detailsChanged: false },
      { ord: 8, participantId: null, linked: false, detailsChanged: false },
    ]);
    // The last input naming a new key gives its details; a known person takes the newer ones.
    expect(rows.find((row) => row.id === fresh)!.full_name).toBe('Last Spelling');
    expect(rows.find((row) => row.id === known)!.institution).toBe('New Institution');
    // The same people again: the same rows, nothing left to refresh. (The person new elsewhere was
    // never placed there, so a name alone finds nobody and makes another row.)
    const again = await match();
    expect(again.filter((m) => m.ord !== 6 && m.ord !== 7)).toEqual(
      first.filter((m) => m.ord !== 6 && m.ord !== 7).map((m) => ({ ...m, detailsChanged: false })),
    );
  });

  it('finds or adds an account for check-in, keeping an existing role', async () => {
    const service = t.app.get(ParticipantsService);
    const id = await create(trainerA, { capacity: 1 });
    const official = await createUser(t.dataSource, { email: 'checkin.official@example.org' });
    const added = await t.dataSource.transaction((m) => service.findOrAddUser(m, id, official.id));
    expect(added).toMatchObject({ outcome: 'added', matchedAccount: true });
    const again = await t.dataSource.transaction((m) => service.findOrAddUser(m, id, official.id));
    expect(again).toEqual({ ...added, outcome: 'unchanged' });
    await trainerA.patch(`/api/activities/${id}/participants/${added.activityParticipantId}`).send({ role: 'speaker' }).expect(200);
    await t.dataSource.transaction((m) => service.findOrAddUser(m, id, official.id));
    const list = await trainerA.get(`/api/activities/${id}/participants`).expect(200);
    expect(list.body.items.map((i: { role: string }) => i.role)).toEqual(['speaker']);
    // Full: one place, taken by someone else now.
    await trainerA
      .post(`/api/activities/${id}/participants`)
      .send({ participants: [{ userId: ids.learner }] })
      .expect(200);
    const other = await createUser(t.dataSource);
    await expect(t.dataSource.transaction((m) => service.findOrAddUser(m, id, other.id))).rejects.toMatchObject({ code: 'activity_full' });
  });

  it('records many marks at once, refusing days outside by entry', async () => {
    const participants = t.app.get(ParticipantsService);
    const attendance = t.app.get(AttendanceService);
    const id = await create(trainerA, { startsOn: '2027-08-01', endsOn: '2027-08-02', requiredAttendance: 100 });
    const placed = await t.dataSource.transaction((m) => participants.add(m, id, [person(1), person(2)]));
    const [first, second] = placed.map((p) => p.activityParticipantId);
    const result = await t.dataSource.transaction((m) =>
      attendance.record(
        m,
        id,
        [
          { activityParticipantId: first!, day: '2027-08-01', present: true },
          { activityParticipantId: first!, day: '2027-08-02', present: true },
          { activityParticipantId: second!, day: '2027-08-01', present: true },
        ],
        'import',
        null,
      ),
    );
    expect(Object.fromEntries(result.map((r) => [r.activityParticipantId, r.completed]))).toEqual({ [first!]: true, [second!]: false });
    const [source] = await t.dataSource.query(
      `SELECT source, recorded_by FROM activity_attendance WHERE activity_participant_id = $1 LIMIT 1`,
      [first],
    );
    expect(source).toEqual({ source: 'import', recorded_by: null });
    await expect(
      t.dataSource.transaction((m) =>
        attendance.record(m, id, [{ activityParticipantId: second!, day: '2027-08-03', present: true }], 'import', null),
      ),
    ).rejects.toMatchObject({ fields: { 'entries.0.day': { code: 'outside_activity_dates' } } });
  });
});
