import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let trainer: TestAgent;
let otherTrainer: TestAgent;
let admin: TestAgent;
let learner: TestAgent;
let official: { id: string; email: string };

async function createActivity(agent: TestAgent, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await agent.post('/api/activities').send({
    kind: 'workshop',
    title: 'Investigating terrorist financing',
    delivery: 'in_person',
    startsOn: '2027-05-10',
    endsOn: '2027-05-12',
    venueMemberState: 'KEN',
    city: 'Nairobi',
    memberStates: ['KEN', 'UGA'],
    languages: ['en'],
    topics: ['financing'],
    hours: 18,
    requiredAttendance: 100,
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** Rows in the tables an import writes, to show that nothing was. */
async function written(activityId: string): Promise<Record<string, number>> {
  const [row] = (await t.dataSource.query(
    `SELECT (SELECT count(*) FROM participants)::int AS participants,
            (SELECT count(*) FROM activity_participants WHERE activity_id = $1)::int AS places,
            (SELECT count(*) FROM audit_events WHERE action = 'activity.participants_imported')::int AS audits`,
    [activityId],
  )) as Array<Record<string, number>>;
  return row!;
}

const upload = (agent: TestAgent, activityId: string, content: string | Buffer, name = 'list.csv', dryRun = false) =>
  agent
    .post(`/api/activities/${activityId}/participants/import${dryRun ? '?dryRun=true' : ''}`)
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);

beforeAll(async () => {
  t = await createTestApp();
  const [tr, other, ad, le] = await Promise.all([
    createUser(t.dataSource, { roles: ['trainer'] }),
    createUser(t.dataSource, { roles: ['trainer'] }),
    createUser(t.dataSource, { roles: ['admin'] }),
    createUser(t.dataSource, { roles: ['learner'] }),
  ]);
  const o = await createUser(t.dataSource, { email: 'amina.odhiambo@police.go.ke', fullName: 'Amina Odhiambo', memberState: 'KEN' });
  official = { id: o.id, email: o.email };
  [trainer, otherTrainer, admin, learner] = await Promise.all([tr, other, ad, le].map((user) => signIn(t.http, user.email)));
});

afterAll(() => t.close());

const LIST =
  '\uFEFFName;E-mail;Country;Institution;Agency;Sex;Role\r\n' +
  // The official's account, written in another case and in full-width letters.
  'Amina Odhiambo;ＡＭＩＮＡ.Odhiambo@POLICE.go.ke;Kenya;DCI;police;F;participant\r\n' +
  'Юрий Петров;yuri.petrov@example.ru;Россия;МВД;Полиция;М;speaker\r\n' +
  'محمد علي;;مصر;النيابة العامة;prosecution;male;\r\n' +
  'Nobody;;Atlantis;;;;\r\n' +
  'Bad Mail;not-an-email;KEN;;astronaut;;\r\n' +
  'Amina Again;amina.odhiambo@police.go.ke;KEN;;;;\r\n';

describe('importing an attendance list', () => {
  it('predicts in a dry run exactly what the real run does, writing nothing', async () => {
    const activityId = await createActivity(trainer);
    const before = await written(activityId);
    const dry = await upload(trainer, activityId, LIST, 'list.csv', true).expect(200);
    expect(await written(activityId)).toEqual(before);
    const real = await upload(trainer, activityId, LIST).expect(200);
    expect(dry.body).toEqual({ ...real.body, dryRun: true });
    expect(real.body.dryRun).toBe(false);
    expect(await written(activityId)).toMatchObject({ places: 3, audits: before.audits + 1 });
  });

  it('matches a row to the account with the same email in another case and Unicode form, and reports invalid rows by row and field', async () => {
    const activityId = await createActivity(trainer);
    const report = await upload(trainer, activityId, LIST).expect(200);
    expect(report.body).toMatchObject({
      added: 3,
      updated: 0,
      unchanged: 0,
      matchedAccounts: 1,
      invalid: [
        { row: 5, fields: { memberState: 'unknown_member_state' } },
        { row: 6, fields: { email: 'not_email', agencyType: 'not_one_of' } },
        { row: 7, fields: { email: 'duplicate_in_file' } },
      ],
      rows: [
        { row: 2, fullName: 'Amina Odhiambo', outcome: 'added', matchedAccount: true },
        { row: 3, fullName: 'Юрий Петров', outcome: 'added', matchedAccount: false },
        { row: 4, fullName: 'محمد علي', outcome: 'added', matchedAccount: false },
      ],
    });
    const list = await trainer.get(`/api/activities/${activityId}/participants`).expect(200);
    const byName = Object.fromEntries((list.body.items as Array<Record<string, unknown>>).map((item) => [item.fullName, item]));
    expect(byName['Amina Odhiambo']).toMatchObject({ userId: official.id, email: official.email, memberState: 'KEN' });
    expect(byName['Юрий Петров']).toMatchObject({
      userId: null,
      email: 'yuri.petrov@example.ru',
      memberState: 'RUS',
      agencyType: 'police',
      gender: 'male',
      role: 'speaker',
    });
    expect(byName['محمد علي']).toMatchObject({ email: null, memberState: 'EGY', agencyType: 'prosecution', role: 'participant' });
  });

  it('adds nobody twice when the same file comes again, and says who was updated', async () => {
    const activityId = await createActivity(trainer);
    await upload(trainer, activityId, LIST).expect(200);
    const people = (await written(activityId)).participants;
    const again = await upload(trainer, activityId, LIST).expect(200);
    expect(again.body).toMatchObject({ added: 0, updated: 0, unchanged: 3, matchedAccounts: 1 });
    expect(await written(activityId)).toMatchObject({ participants: people, places: 3 });

    const changed = LIST.replace('МВД', 'ГУВД Москвы').replace(';speaker', ';trainer');
    const third = await upload(trainer, activityId, changed).expect(200);
    expect(third.body).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    expect(third.body.rows[1]).toMatchObject({ fullName: 'Юрий Петров', outcome: 'updated' });
    expect(await written(activityId)).toMatchObject({ participants: people, places: 3 });
  });

  it('is one person across activities: the same list in a second activity adds places, not people', async () => {
    const first = await createActivity(trainer);
    await upload(trainer, first, LIST).expect(200);
    const people = (await written(first)).participants;
    const second = await createActivity(trainer, { title: 'Follow-up' });
    const report = await upload(trainer, second, LIST).expect(200);
    expect(report.body).toMatchObject({ added: 3 });
    // The person without an email is known per activity by name and State only, so is new here.
    expect((await written(second)).participants).toBe(people + 1);
  });

  it('reads an XLSX list with formulas and rich text as the text they show', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Attendance');
    sheet.addRow(['Workshop, Nairobi, May 2027']);
    sheet.addRow(['Full name', 'Email', 'Member State', 'Gender']);
    sheet.addRow([{ richText: [{ text: 'Li ' }, { text: 'Wei', font: { bold: true } }] }, 'li.wei@example.cn', '中国', 'Male']);
    sheet.addRow(['Ana Souza', { formula: 'LOWER("ANA@EXAMPLE.BR")', result: 'ana@example.br' }, 'Brasil', 'Female']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const activityId = await createActivity(trainer);
    const report = await upload(trainer, activityId, file, 'list.xlsx').expect(200);
    expect(report.body).toMatchObject({ added: 2, invalid: [] });
    const list = await trainer.get(`/api/activities/${activityId}/participants`).expect(200);
    expect(
      (list.body.items as Array<{ fullName: string; email: string; memberState: string }>)
        .map((i) => [i.fullName, i.email, i.memberState])
        .sort(),
    ).toEqual([
      ['Ana Souza', 'ana@example.br', 'BRA'],
      ['Li Wei', 'li.wei@example.cn', 'CHN'],
    ]);
  });

  it('marks the days a list says were attended, and refuses a day the activity does not have', async () => {
    const activityId = await createActivity(trainer, { requiredAttendance: 60 });
    const report = await upload(
      trainer,
      activityId,
      'fullName,email,memberState,attended\n' +
        'All Days,all@example.org,KEN,all\n' +
        'Two Days,two@example.org,KEN,"1; 2027-05-12"\n' +
        'One Day,one@example.org,KEN,2\n' +
        'Unsaid,unsaid@example.org,KEN,\n' +
        'Day Four,four@example.org,KEN,4\n',
    ).expect(200);
    expect(report.body).toMatchObject({
      added: 4,
      participantDays: 3 + 2 + 1,
      invalid: [{ row: 6, fields: { attended: 'outside_activity_dates' } }],
    });
    const list = await trainer.get(`/api/activities/${activityId}/participants`).expect(200);
    const byName = Object.fromEntries(
      (list.body.items as Array<{ fullName: string; completed: boolean; attendance: Array<{ day: string; present: boolean }> }>).map(
        (i) => [i.fullName, { completed: i.completed, present: i.attendance.filter((a) => a.present).map((a) => a.day) }],
      ),
    );
    expect(byName).toEqual({
      'All Days': { completed: true, present: ['2027-05-10', '2027-05-11', '2027-05-12'] },
      'Two Days': { completed: true, present: ['2027-05-10', '2027-05-12'] },
      'One Day': { completed: false, present: ['2027-05-11'] },
      Unsaid: { completed: false, present: [] },
    });
  });

  it('writes nothing for a malformed file, naming what is wrong', async () => {
    const activityId = await createActivity(trainer);
    const before = await written(activityId);
    const noState = await upload(trainer, activityId, 'Name,Email\nA,a@example.org\n').expect(400);
    expect(noState.body.fields.file).toMatchObject({ code: 'csv_column_missing', params: { column: 'memberState' } });
    const binary = await upload(trainer, activityId, Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]), 'list.pdf').expect(400);
    expect(binary.body.fields.file.code).toBe('file_type_not_allowed');
    const broken = await upload(trainer, activityId, 'fullName,memberState\n"A,KEN\n').expect(400);
    expect(broken.body.fields.file.code).toBe('spreadsheet_unreadable');
    const none = await trainer.post(`/api/activities/${activityId}/participants/import`).field('note', 'no file').expect(400);
    expect(none.body.fields.file.code).toBe('file_required');
    expect(await written(activityId)).toEqual(before);
  });

  it('is for the activity’s organisers and admins: anyone else learns nothing', async () => {
    const activityId = await createActivity(trainer);
    await upload(otherTrainer, activityId, LIST).expect(404);
    await upload(learner, activityId, LIST).expect(403);
    await upload(admin, activityId, LIST, 'list.csv', true).expect(200);
    await upload(trainer, '00000000-0000-4000-8000-000000000000', LIST).expect(404);
    expect((await written(activityId)).places).toBe(0);
  });
});
