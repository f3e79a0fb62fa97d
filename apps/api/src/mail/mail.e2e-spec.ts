import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { createLogger } from '../common/logger.js';
import type { AppConfig } from '../config/app-config.js';
import { configureApp, createHttpAdapter } from '../create-app.js';
import { JobsService } from '../jobs/jobs.service.js';
import { TestSmtp } from '../../test/smtp.js';
import { createUser, signIn, testConfig, testDatabaseUrl } from '../../test/test-app.js';
import { MailService } from './mail.service.js';

/** A job that always fails at once, to fill the dead letters. */
@Injectable()
class FailingJob implements OnModuleInit {
  constructor(private readonly jobs: JobsService) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'probe-fails',
      retryLimit: 0,
      handle: async () => {
        throw new Error('the probe always fails');
      },
    });
  }
}

async function startApp(config: AppConfig): Promise<{ app: NestFastifyApplication; dataSource: DataSource }> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register(config, await testDatabaseUrl())],
    providers: [FailingJob],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config, createLogger('silent')), { logger: false });
  await configureApp(app, config);
  return { app, dataSource: app.get<DataSource>(getDataSourceToken()) };
}

const confirmation = (key: string, to: string, locale: 'fr' | 'ar' | 'en' = 'fr') => ({
  key,
  message: 'confirm_email' as const,
  to,
  locale,
  params: { name: 'Amina Haddad', url: 'http://ctlp.test/confirm-email?token=abc', hours: 48 },
});

describe('mail over SMTP, sent by background jobs', () => {
  let smtp: TestSmtp;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let mail: MailService;
  let jobs: JobsService;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    ({ app, dataSource } = await startApp(testConfig({ mail: { smtpUrl: smtp.url, from: 'CTLP <no-reply@ctlp.test>' } })));
    mail = app.get(MailService);
    jobs = app.get(JobsService);
  });

  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('sends nothing for a change that rolls back, and the message of one that commits, in the recipient language', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await mail.queue(confirmation('rolled-back', 'rolled.back@example.org'), manager);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await dataSource.transaction((manager) => mail.queue(confirmation('committed', 'committed@example.org'), manager));
    expect(await jobs.drain()).toBe(1);

    expect(smtp.to('rolled.back@example.org')).toEqual([]);
    const received = await smtp.waitFor('committed@example.org');
    expect(received.subject).toBe('Confirmez votre adresse électronique');
    expect(received.from?.text).toContain('no-reply@ctlp.test');
    expect(received.headers.get('auto-submitted')).toBe('auto-generated');
    expect(received.text).toContain('Madame, Monsieur Amina Haddad');
    expect(received.text).toContain('http://ctlp.test/confirm-email?token=abc');
    expect(received.html).toContain('lang="fr"');
    expect(received.html).toContain('href="http://ctlp.test/confirm-email?token=abc"');
  });

  it('lays Arabic out right to left, with no image, script or link off the platform', async () => {
    await mail.queue(confirmation('arabic', 'arabic@example.org', 'ar'));
    await jobs.drain();
    const received = await smtp.waitFor('arabic@example.org');
    expect(received.subject).toBe('تأكيد عنوان بريدك الإلكتروني');
    const html = received.html as string;
    expect(html).toContain('dir="rtl"');
    expect(html).not.toMatch(/<img|<script|src=|url\(/i);
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) expect(href).toMatch(/^http:\/\/ctlp\.test\//);
  });

  it('escapes what a message is given', async () => {
    await mail.queue({
      ...confirmation('escaped', 'escaped@example.org', 'en'),
      params: { name: '<b>Eve</b>', url: 'http://ctlp.test/x', hours: 1 },
    });
    await jobs.drain();
    const received = await smtp.waitFor('escaped@example.org');
    expect(received.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(received.html).not.toContain('<b>Eve</b>');
  });

  it('never sends one message twice, however often its job runs', async () => {
    const request = confirmation('once', 'once@example.org');
    await mail.deliver(request);
    await mail.deliver(request);
    await mail.queue(request);
    await jobs.drain();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to('once@example.org')).toHaveLength(1);
  });

  it('keeps a job that fails every try among the dead letters, for admins to read and send again', async () => {
    await jobs.send('probe-fails', { what: 'a probe' });
    await jobs.drain('probe-fails');
    const admin = await signIn(app.getHttpServer(), (await createUser(dataSource, { roles: ['admin'] })).email);
    const failed = await admin.get('/api/admin/jobs/failed').expect(200);
    const job = (failed.body.items as Array<{ id: string; name: string; data: unknown; output: { message?: string } }>).find(
      (item) => item.name === 'probe-fails',
    );
    expect(job).toMatchObject({ data: { what: 'a probe' }, output: { message: 'the probe always fails' } });
    await admin.post(`/api/admin/jobs/${job!.id}/retry`).expect(204);
    expect((await admin.get('/api/admin/jobs/failed').expect(200)).body.items.some((item: { id: string }) => item.id === job!.id)).toBe(
      false,
    );
    expect(await jobs.drain('probe-fails')).toBe(1);
    await admin.post('/api/admin/jobs/00000000-0000-4000-8000-000000000000/retry').expect(404);

    const learner = await signIn(app.getHttpServer(), (await createUser(dataSource)).email);
    await learner.get('/api/admin/jobs/failed').expect(403);
  });
});

describe('mail without an SMTP server', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ app, dataSource } = await startApp(testConfig()));
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps each message for the admins to read at /admin/mail', async () => {
    await app.get(MailService).queue(confirmation('kept', 'kept@example.org', 'en'));
    await app.get(JobsService).drain();
    const admin = await signIn(app.getHttpServer(), (await createUser(dataSource, { roles: ['admin'] })).email);
    const list = await admin.get('/api/admin/mail').expect(200);
    const kept = (list.body.items as Array<{ id: string; to: string; status: string; hasBody: boolean; subject: string }>).find(
      (item) => item.to === 'kept@example.org',
    );
    expect(kept).toMatchObject({ status: 'kept', hasBody: true, subject: 'Confirm your email address' });
    const one = await admin.get(`/api/admin/mail/${kept!.id}`).expect(200);
    expect(one.body.text).toContain('http://ctlp.test/confirm-email?token=abc');
    expect(one.body.html).toContain('<!doctype html>');
    await request(app.getHttpServer()).get('/api/admin/mail').expect(401);
  });
});
