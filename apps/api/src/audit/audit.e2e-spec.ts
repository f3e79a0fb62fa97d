import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from '../users/user.entity.js';

let t: TestApp;
let admin: UserEntity;
let agent: TestAgent;
let actor: UserEntity;

async function event(actorId: string | null, action: string, subjectType: string, subjectId: string, createdAt: string, data = {}) {
  await t.dataSource.query(
    `INSERT INTO audit_events (actor_id, action, subject_type, subject_id, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [actorId, action, subjectType, subjectId, JSON.stringify(data), createdAt],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.dataSource, { roles: ['admin'] });
  agent = await signIn(t.http, admin.email);
  actor = await createUser(t.dataSource, { roles: ['focal_point'], email: 'actor@example.org', fullName: '=HYPERLINK("x")' });
  await event(actor.id, 'registration.approved', 'user', 'u-1\n=5+5', '2026-03-01T10:00:00Z');
  await event(actor.id, 'registration.rejected', 'user', 'u-2', '2026-03-02T10:00:00Z', { reason: 'line one\n=5+5' });
  await event(actor.id, 'report.exported', 'report', 'member-states', '2026-04-01T10:00:00Z');
  await event(null, 'registration.purged', 'user', 'u-2', '2026-05-01T10:00:00Z');
});

afterAll(() => t.close());

const actions = (body: { items: { action: string }[] }) => body.items.map((item) => item.action);

describe('filtering the audit trail', () => {
  it('filters by actor email or id, naming the actor', async () => {
    const byEmail = await agent.get('/api/audit-events').query({ actor: 'ACTOR@example.org' }).expect(200);
    expect(actions(byEmail.body)).toEqual(['report.exported', 'registration.rejected', 'registration.approved']);
    expect(byEmail.body.items[0]).toMatchObject({ actorId: actor.id, actorEmail: 'actor@example.org', actorName: '=HYPERLINK("x")' });
    const byId = await agent.get('/api/audit-events').query({ actor: actor.id }).expect(200);
    expect(byId.body.total).toBe(3);
    const nobody = await agent.get('/api/audit-events').query({ actor: 'nobody@example.org' }).expect(200);
    expect(nobody.body).toEqual({ items: [], total: 0 });
  });

  it('filters by exact action or by prefix', async () => {
    const exact = await agent.get('/api/audit-events').query({ action: 'registration.approved' }).expect(200);
    expect(actions(exact.body)).toEqual(['registration.approved']);
    const prefix = await agent.get('/api/audit-events').query({ action: 'registration.*' }).expect(200);
    expect(actions(prefix.body)).toEqual(['registration.purged', 'registration.rejected', 'registration.approved']);
    // A LIKE wildcard in the text is taken literally.
    const literal = await agent.get('/api/audit-events').query({ action: 'registration_*' }).expect(200);
    expect(literal.body.total).toBe(0);
  });

  it('filters by subject and by period', async () => {
    const subject = await agent.get('/api/audit-events').query({ subjectType: 'user', subjectId: 'u-2' }).expect(200);
    expect(actions(subject.body)).toEqual(['registration.purged', 'registration.rejected']);
    const period = await agent.get('/api/audit-events').query({ from: '2026-03-02', to: '2026-05-01' }).expect(200);
    expect(actions(period.body)).toEqual(['report.exported', 'registration.rejected']);
  });

  it('pages through the results', async () => {
    const first = await agent.get('/api/audit-events').query({ actor: actor.id, limit: 2 }).expect(200);
    const second = await agent.get('/api/audit-events').query({ actor: actor.id, limit: 2, offset: 2 }).expect(200);
    expect([first.body.total, first.body.items.length, second.body.items.length]).toEqual([3, 2, 1]);
    expect(second.body.items[0].action).toBe('registration.approved');
  });

  it('refuses bad filter values with 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ actor: 'not an email' }, 'actor'],
      [{ actor: 'no-at-sign' }, 'actor'],
      [{ actor: 'a\u0000@b' }, 'actor'],
      [{ action: 'Bad Action' }, 'action'],
      [{ action: '*' }, 'action'],
      [{ subjectType: 'x y' }, 'subjectType'],
      [{ subjectId: 'a\u0000b' }, 'subjectId'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-13-01' }, 'to'],
      [{ from: '2026-05-01', to: '2026-04-01' }, 'to'],
      [{ limit: '0' }, 'limit'],
      [{ offset: '1e20' }, 'offset'],
      [{ actorId: 'x' }, 'actorId'],
    ];
    for (const [query, field] of cases) {
      const response = await agent.get('/api/audit-events').query(query);
      expect([query, response.status, Object.keys(response.body.fields ?? {})]).toEqual([query, 400, [field]]);
    }
  });

  it('is for admins only', async () => {
    const focal = await signIn(t.http, actor.email);
    await focal.get('/api/audit-events').expect(403);
    await focal.get('/api/audit-events/export').expect(403);
  });
});

describe('exporting the audit trail', () => {
  it('sends the filtered events as CSV with every cell quoted and formulas escaped, and audits the export', async () => {
    const response = await agent.get('/api/audit-events/export').query({ actor: actor.email, action: 'registration.*' }).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="ctlp-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(response.text.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['id', 'createdAt', 'actorId', 'actorEmail', 'actorName', 'action', 'subjectType', 'subjectId', 'data']);
    expect(rows.slice(1).map((row) => row[5])).toEqual(['registration.rejected', 'registration.approved']);
    expect(rows[1]![4]).toBe(`'=HYPERLINK("x")`);
    expect(rows[1]![8]).toBe('{"reason":"line one\\n=5+5"}');
    // A line break inside a cell stays inside its quotes: it cannot start a row of its own.
    expect(rows).toHaveLength(3);
    expect(rows[2]![7]).toBe('u-1\n=5+5');
    expect(response.text).toContain('"u-1\n=5+5"');

    const audited = await agent.get('/api/audit-events').query({ action: 'audit.exported', actor: admin.id }).expect(200);
    expect(audited.body.items[0]).toMatchObject({ subjectType: 'audit_events', data: { rows: 2, filters: { actor: actor.email } } });
  });

  it('refuses bad filters on the export too', async () => {
    const response = await agent.get('/api/audit-events/export').query({ from: 'soon' }).expect(400);
    expect(Object.keys(response.body.fields)).toEqual(['from']);
  });
});
