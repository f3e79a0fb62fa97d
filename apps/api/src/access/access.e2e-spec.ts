import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { configureApp, createHttpAdapter } from '../create-app.js';
import { createLogger } from '../common/logger.js';
import { createUser, signIn, testConfig, testDatabaseUrl } from '../../test/test-app.js';
import { Access } from './access.decorator.js';

@Controller('probe')
class ProbeController {
  @Get('learner')
  @Access('learner')
  learner() {
    return { ok: true };
  }

  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

/** The access rule itself, on probe routes mounted in the real app. */
describe('access rules', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testConfig();
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register(config, await testDatabaseUrl())],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config, createLogger('silent')), { logger: false });
    await configureApp(app, config);
    dataSource = app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses a route that declares no access rule, even to an admin', async () => {
    const admin = await createUser(dataSource, { roles: ['admin'] });
    const agent = await signIn(app.getHttpServer(), admin.email);
    const response = await agent.get('/api/probe/undeclared').expect(403);
    expect(response.body).not.toHaveProperty('leaked');
  });

  it('lets an active learner reach a learner route', async () => {
    const learner = await createUser(dataSource);
    const agent = await signIn(app.getHttpServer(), learner.email);
    await agent.get('/api/probe/learner').expect(200);
  });

  it.each([
    ['pending', 'account_pending'],
    ['rejected', 'account_not_active'],
  ] as const)('keeps a %s learner out of learner routes (%s)', async (status, code) => {
    const learner = await createUser(dataSource, { status });
    const agent = await signIn(app.getHttpServer(), learner.email);
    const response = await agent.get('/api/probe/learner').expect(403);
    expect(response.body.code).toBe(code);
  });

  it('keeps a learner suspended mid-session out of learner routes', async () => {
    const learner = await createUser(dataSource);
    const agent = await signIn(app.getHttpServer(), learner.email);
    await dataSource.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [learner.id]);
    await agent.get('/api/probe/learner').expect(401);
  });

  it('asks an anonymous caller to sign in', async () => {
    await request(app.getHttpServer()).get('/api/probe/learner').expect(401);
  });
});
