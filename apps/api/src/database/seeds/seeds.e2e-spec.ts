import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { testDatabaseUrl } from '../../../test/test-app.js';
import { verifyPassword } from '../../auth/passwords.js';
import { runSeeds } from './run-seeds.js';
import { readDemoAccounts } from './demo-accounts.seeder.js';
import { readDemoCourses } from './demo-courses.seeder.js';

/** Every row's identity and version: a row rewritten by a seeder gets a new xmin. */
async function snapshot(dataSource: DataSource) {
  const tables = ['member_states', 'users', 'audit_events', 'courses', 'course_modules', 'lessons'];
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
    const [{ count, observers }] = await dataSource.query(
      `SELECT count(*)::int AS count, count(*) FILTER (WHERE observer)::int AS observers FROM member_states`,
    );
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

  it('publish the demo courses, owned by the demo trainer, with modules, lessons and a valid quiz', async () => {
    const courses = await dataSource.query(
      `SELECT c.slug, c.language, c.status, u.email AS owner,
              (SELECT count(*)::int FROM course_modules m WHERE m.course_id = c.id) AS modules,
              (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id AND l.kind = 'text' AND length(l.body) > 1500) AS long_text_lessons,
              (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id AND l.kind = 'quiz') AS quizzes
         FROM courses c JOIN users u ON u.id = c.owner_id ORDER BY c.slug`,
    );
    expect(courses.map((c: { slug: string }) => c.slug)).toEqual(
      readDemoCourses()
        .map((c) => c.slug)
        .sort(),
    );
    expect(courses.length).toBeGreaterThanOrEqual(3);
    expect(courses.some((c: { language: string }) => c.language === 'fr' || c.language === 'es')).toBe(true);
    for (const course of courses) {
      expect(course).toMatchObject({ status: 'published', owner: 'trainer@ctlp.example', quizzes: 1 });
      expect(course.modules).toBeGreaterThanOrEqual(3);
      expect(course.long_text_lessons).toBeGreaterThanOrEqual(6);
    }
    const quizzes: Array<{ quiz: { questions: Array<{ type: string; options: Array<{ correct: boolean }> }> } }> = await dataSource.query(
      `SELECT quiz FROM lessons WHERE kind = 'quiz'`,
    );
    for (const { quiz } of quizzes) {
      for (const question of quiz.questions) {
        const right = question.options.filter((o) => o.correct).length;
        if (question.type === 'multiple') expect(right).toBeGreaterThanOrEqual(1);
        else expect(right).toBe(1);
      }
    }
    const [{ unsafe }] = await dataSource.query(
      `SELECT count(*)::int AS unsafe FROM lessons WHERE kind = 'text' AND (body_html = '' OR body_html ~* '<script')`,
    );
    expect(unsafe).toBe(0);
  });

  it('change nothing when run a second time', async () => {
    const before = await snapshot(dataSource);
    const report = await runSeeds(dataSource, config);
    expect(report).toEqual({ memberStates: 195, demoAccountsCreated: 0, demoCoursesCreated: 0, admin: 'unchanged' });
    expect(await snapshot(dataSource)).toEqual(before);
  });

  it('reset the configured admin’s password and restore the role when they drifted', async () => {
    await dataSource.query(`UPDATE users SET roles = '{learner}', status = 'suspended' WHERE email = 'first.admin@un.example'`);
    const report = await runSeeds(dataSource, { ...config, admin: { ...config.admin, password: 'a brand new admin passphrase' } });
    expect(report.admin).toBe('updated');
    const [row] = await dataSource.query(`SELECT roles, status FROM users WHERE email = 'first.admin@un.example'`);
    expect(row).toEqual({ roles: '{learner,admin}', status: 'active' });
  });

  it('refuse an ADMIN_PASSWORD that is easy to guess, and the published demo passphrase', async () => {
    for (const password of ['qwertyuiopas', 'ctlp-demo-passphrase', 'Password123456!']) {
      await expect(runSeeds(dataSource, { ...config, admin: { ...config.admin, password } })).rejects.toThrow(/ADMIN_PASSWORD is refused/);
    }
    const [row] = await dataSource.query(`SELECT password_hash FROM users WHERE email = 'first.admin@un.example'`);
    expect(await verifyPassword(row.password_hash, 'a brand new admin passphrase')).toBe(true);
  });
});
