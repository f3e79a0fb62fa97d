import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { Access } from '../access/access.decorator.js';
import { configureApp, createHttpAdapter } from '../create-app.js';
import { testConfig, testDatabaseUrl } from '../../test/test-app.js';
import { createLogger, NestLogger } from './logger.js';

@Controller('probe')
class ProbeController {
  @Get('fails')
  @Access('public')
  fails(): never {
    // What a failed query looks like, with the values it was given.
    throw new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['official@example.org', '$argon2id$v=19$secret'],
      new Error('boom'),
    );
  }

  @Get('fine')
  @Access('public')
  fine() {
    return { ok: true };
  }
}

/** Every line the API logs is JSON with the request id, and an error's query values never appear. */
describe('logging', () => {
  let app: NestFastifyApplication;
  const lines: string[] = [];

  beforeAll(async () => {
    const config = testConfig({ logLevel: 'info' });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        callback();
      },
    });
    const logger = createLogger('info', sink);
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register(config, await testDatabaseUrl())],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config, logger), { logger: new NestLogger(logger) });
    await configureApp(app, config);
  });

  afterAll(async () => {
    await app.close();
  });

  it('logs an unhandled error as JSON with the request id and without the query values', async () => {
    const response = await request(app.getHttpServer()).get('/api/probe/fails').set('X-Request-Id', 'trace-42').expect(500);
    expect(response.headers['x-request-id']).toBe('trace-42');
    expect(response.body).toMatchObject({ statusCode: 500, code: 'internal_error' });
    expect(JSON.stringify(response.body)).not.toContain('INSERT');
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const error = logged.find((line) => line.msg === 'unhandled error');
    expect(error).toMatchObject({
      level: 50,
      reqId: 'trace-42',
      err: { type: 'QueryFailedError', query: expect.stringContaining('INSERT INTO users') },
    });
    const text = lines.join('\n');
    expect(text).not.toContain('$argon2id$');
    expect(text).not.toContain('official@example.org');
  });

  it('logs each request once, as JSON, with its id, method, path and status', async () => {
    const response = await request(app.getHttpServer()).get('/api/probe/fine?x=1').expect(200);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const mine = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.reqId === id);
    expect(mine).toEqual([
      expect.objectContaining({ msg: 'request completed', req: { method: 'GET', url: '/api/probe/fine?x=1' }, res: { statusCode: 200 } }),
    ]);
  });

  it('replaces an incoming request id that is not a plain token', async () => {
    const response = await request(app.getHttpServer()).get('/api/probe/fine').set('X-Request-Id', 'bad id {"forged":true}').expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
  /** What a log line must never hold: the caller's email, name and password, nor any argon2 hash. */
  function expectNoSecrets(secrets: string[]): void {
    const text = lines.join('\n');
    for (const secret of [...secrets, '$argon2']) expect(text).not.toContain(secret);
  }

  it('logs a failed registration insert with its SQLSTATE and route, never the values it was given', async () => {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    // A constraint whose cast fails on the new row: PostgreSQL's message then quotes the values
    // (email, name and password hash in one line), as a failed cast or input syntax error does.
    await dataSource.query(
      `ALTER TABLE users ADD CONSTRAINT probe_no_leaky_names CHECK (full_name <> 'Leaky Probe Name' OR (email || ' ' || full_name || ' ' || password_hash)::uuid IS NOT NULL) NOT VALID`,
    );
    try {
      const body = {
        email: 'leaky.probe@example.org',
        password: 'Unusual-Probe-Passphrase-81',
        fullName: 'Leaky Probe Name',
        memberState: 'KEN',
        institution: 'Probe Institute',
        agencyType: 'police',
        jobTitle: 'Inspector',
        gender: 'female',
        locale: 'en',
      };
      const response = await request(app.getHttpServer()).post('/api/auth/register').set('X-Request-Id', 'leak-1').send(body).expect(500);
      expect(response.body.code).toBe('internal_error');
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.reqId === 'leak-1');
      expect(logged).toContainEqual(
        expect.objectContaining({
          msg: 'unhandled error',
          route: 'POST /api/auth/register',
          err: expect.objectContaining({
            code: '22P02',
            message: 'database error 22P02',
            query: expect.stringContaining('INSERT INTO users'),
          }),
        }),
      );
      expectNoSecrets([body.email, body.fullName, body.password, 'Probe Institute']);
    } finally {
      await dataSource.query('ALTER TABLE users DROP CONSTRAINT probe_no_leaky_names');
    }
  });

  it('logs a failed sign-in statement without the email it was given', async () => {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    await dataSource.query(
      `ALTER TABLE login_failures ADD CONSTRAINT probe_no_failures CHECK (account <> 'leaky.login@example.org' OR account::uuid IS NOT NULL) NOT VALID`,
    );
    try {
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('X-Request-Id', 'leak-2')
        .send({ email: 'leaky.login@example.org', password: 'Secret-Login-Passphrase-73' });
      expect(response.status).toBe(500);
      expect(lines.some((line) => line.includes('leak-2') && line.includes('22P02'))).toBe(true);
      expectNoSecrets(['leaky.login@example.org', 'Secret-Login-Passphrase-73']);
    } finally {
      await dataSource.query('ALTER TABLE login_failures DROP CONSTRAINT probe_no_failures');
    }
  });
});
