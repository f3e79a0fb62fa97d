import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { testDatabaseUrl } from '../../../test/test-app.js';
import { runSeeds } from './run-seeds.js';
import { readDemoAccounts } from './demo-accounts.seeder.js';

/** Every row's identity and version: a row rewritten by a seeder gets a new xmin. */
async function snapshot(dataSource: DataSource) {
  const tables = ['member_states', 'users', 'audit_events'];
  const result: Record<string, unknown> = {};
  for (const table of tables) {
    result[table] = await dataSource.query(`SELECT xmin::text, to_jsonb(t) AS row FROM ${table} t ORDER BY 2::text`);
  }
  return result;
}

describe('seeders', () => {
  let dataSource: DataSource;
  const config = { seedDemo: true, admin: { email: 'first.admin@un.example', password: 'an admin passphrase' } };

  beforeAll(async () => {
    dataSource = await createDataSource(await testDatabaseUrl()).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('load the 193 Member States and 2 observer States with names in the six UN languages', async () => {
    await runSeeds(dataSource, config);
    const [{ count, observers }] = await dataSource.query(`SELECT count(*)::int AS count, count(*) FILTER (WHERE observer)::int AS observers FROM member_states`);
    expect(count).toBe(195);
    expect(observers).toBe(2);
    const [palestine] = await dataSource.query(`SELECT code, observer, names FROM member_states WHERE code = 'PSE'`);
    expect(palestine.observer).toBe(true);
    expect(Object.keys(palestine.names).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    const [{ missing }] = await dataSource.query(
      `SELECT count(*)::int AS missing FROM member_states, unnest(ARRAY['ar','zh','en','fr','ru','es']) AS l WHERE coalesce(names ->> l, '') = ''`,
    );
    expect(missing).toBe(0);
  });

  it('create the demo accounts and the configured admin', async () => {
    const demo = readDemoAccounts();
    const rows = await dataSource.query(`SELECT email, roles, status FROM users`);
    for (const account of demo.accounts) {
      expect(rows).toContainEqual({ email: account.email, roles: `{${account.roles.join(',')}}`, status: account.status });
    }
    expect(rows).toContainEqual({ email: 'first.admin@un.example', roles: '{admin}', status: 'active' });
  });

  it('change nothing when run a second time', async () => {
    const before = await snapshot(dataSource);
    const report = await runSeeds(dataSource, config);
    expect(report).toEqual({ memberStates: 195, demoAccountsCreated: 0, admin: 'unchanged' });
    expect(await snapshot(dataSource)).toEqual(before);
  });

  it('reset the configured admin’s password and restore the role when they drifted', async () => {
    await dataSource.query(`UPDATE users SET roles = '{learner}', status = 'suspended' WHERE email = 'first.admin@un.example'`);
    const report = await runSeeds(dataSource, { ...config, admin: { ...config.admin, password: 'a brand new admin passphrase' } });
    expect(report.admin).toBe('updated');
    const [row] = await dataSource.query(`SELECT roles, status FROM users WHERE email = 'first.admin@un.example'`);
    expect(row).toEqual({ roles: '{learner,admin}', status: 'active' });
  });
});
