import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/create-app.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { buildCourse, type BuiltCourse } from '../courses.js';
import { createUser, signIn, TEST_PASSWORD, testConfig } from '../test-app.js';
import { OwnServer, quickTimeouts, sleep, sqlClient, Tally } from './harness.js';

const LEARNERS = 8;
const LESSONS = 80;
/** A learner's pause between lessons: the load lasts beyond the kill and the restart. */
const THINK_MS = 40;

/**
 * The database killed (SIGKILL, as the OOM killer would) under a load of learners completing
 * lessons, then restarted: the API stays up, answers 503 rather than 500 meanwhile, serves again
 * within seconds, and every write it acknowledged is there afterwards.
 */
describe('the database killed under a write load', () => {
  let own: OwnServer;
  let app: NestFastifyApplication;
  let base: string;
  let course: BuiltCourse;
  const cookies: string[] = [];
  let databaseUrl: string;

  beforeAll(async () => {
    own = await OwnServer.start();
    const url = await own.database('faults');
    await prepareDatabase(url, { seedDemo: false, admin: undefined });
    app = await createApp(testConfig({ database: quickTimeouts(), logLevel: process.env.FAULT_LOG_LEVEL ?? 'silent' }), url);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const trainer = await createUser(dataSource, { roles: ['trainer'] });
    course = await buildCourse(await signIn(app.getHttpServer(), trainer.email), { textLessons: LESSONS });
    for (let i = 0; i < LEARNERS; i++) {
      const learner = await createUser(dataSource);
      const response = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: learner.email, password: TEST_PASSWORD }),
      });
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      cookies.push(cookie);
      expect((await fetch(`${base}/api/courses/${course.id}/enrolments`, { method: 'POST', headers: { cookie } })).status).toBe(201);
    }
    databaseUrl = url;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await own?.stop();
  });

  it('loses no acknowledged write, answers 503 (never 500) while it is down, and serves again within seconds', async () => {
    const tally = new Tally();
    const acknowledged: Array<{ cookie: string; lessonId: string }> = [];
    const successes: number[] = [];
    const unexpected: string[] = [];
    const deadline = Date.now() + 90_000;

    const learn = async (cookie: string) => {
      for (const lessonId of course.textLessonIds) {
        for (;;) {
          if (Date.now() > deadline) return;
          let status = 0;
          try {
            const response = await fetch(`${base}/api/lessons/${lessonId}/complete`, { method: 'POST', headers: { cookie } });
            status = response.status;
            if (status !== 200 && status !== 503) unexpected.push(`${status} ${await response.text()}`);
          } catch {
            status = 0;
          }
          tally.add(status);
          if (status === 200) {
            acknowledged.push({ cookie, lessonId });
            successes.push(Date.now());
            await sleep(THINK_MS);
            break;
          }
          // A client told 503 (or getting no answer) tries again a little later.
          await sleep(150);
        }
      }
    };
    const load = Promise.all(cookies.map((cookie) => learn(cookie)));

    await sleep(1_000);
    const killedAt = Date.now();
    own.kill();
    await sleep(2_000);
    await own.restart();
    const restartedAt = Date.now();
    await load;

    // The API is alive and healthy.
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);

    // Every acknowledged completion is in the database; each learner completed once, one certificate each.
    const check = await sqlClient(databaseUrl);
    const { rows } = await check.query<{ done: string; completed: string; certificates: string }>(
      `SELECT (SELECT count(*) FROM lesson_progress) AS done,
              (SELECT count(*) FROM enrolments WHERE status = 'completed') AS completed,
              (SELECT count(*) FROM certificates) AS certificates`,
    );
    await check.end();
    const persisted = Number(rows[0]!.done);
    expect(acknowledged.length).toBe(LEARNERS * LESSONS);
    expect(persisted).toBe(LEARNERS * LESSONS);
    expect(Number(rows[0]!.completed)).toBe(LEARNERS);
    expect(Number(rows[0]!.certificates)).toBe(LEARNERS);
    expect(unexpected).toEqual([]);
    expect(tally.unexpectedServerErrors()).toBe(0);

    // Backends may finish what they were doing after the postmaster dies: the outage is the longest
    // stretch without any write acknowledged, from the kill on.
    const times = successes.filter((t) => t >= killedAt - 1_000).sort((a, b) => a - b);
    const outage = Math.max(...times.slice(1).map((t, i) => t - times[i]!));
    const firstAfter = Math.min(...successes.filter((t) => t > restartedAt));
    const figures = {
      acknowledged: acknowledged.length,
      persisted,
      responses: tally.toString(),
      secondsWithoutAnyWrite: (outage / 1000).toFixed(1),
      secondsToServeAfterRestart: ((firstAfter - restartedAt) / 1000).toFixed(1),
      secondsDown: ((restartedAt - killedAt) / 1000).toFixed(1),
    };
    // eslint-disable-next-line no-console -- the figures are quoted in the issue's note
    console.log('Database killed under load:', JSON.stringify(figures));
    expect(firstAfter - restartedAt).toBeLessThan(10_000);
  }, 150_000);
});
