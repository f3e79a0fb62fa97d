import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { Signer } from '@fastify/cookie';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { Access } from '../access/access.decorator.js';
import { configureApp, createHttpAdapter } from '../create-app.js';
import { testConfig, testDatabaseUrl } from '../../test/test-app.js';
import { waitFor } from '../../test/wait-for.js';
import { SESSION_COOKIE } from '../auth/session-store.js';
import { createLogger } from './logger.js';

/** A handler that reaches the database only when the test opens the gate. */
const gate = {
  entered: undefined as (() => void) | undefined,
  open: undefined as (() => void) | undefined,
};

@Controller('probe')
class SlowController {
  static dataSource: DataSource;

  @Get('slow')
  @Access('public')
  async slow(): Promise<{ one: number }> {
    gate.entered?.();
    await new Promise<void>((resolve) => (gate.open = resolve));
    const [row] = (await SlowController.dataSource.query('SELECT 1 AS one')) as { one: number }[];
    return row!;
  }

  @Post('held')
  @Access('public')
  held(@Body() body: unknown): unknown {
    return body;
  }
}

/** GET `path` on a raw socket, resolving once the handler has started; the caller hangs up. */
function requestThenHangUp(port: number, path: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const entered = new Promise<void>((started) => (gate.entered = started));
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ctlp.test\r\n\r\n`));
    void entered.then(() => resolve(socket));
  });
}

describe('closing the application (SIGTERM)', () => {
  let app: NestFastifyApplication;
  let config: ReturnType<typeof testConfig>;

  beforeEach(async () => {
    config = testConfig();
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register(config, await testDatabaseUrl())],
      controllers: [SlowController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config, createLogger('silent')));
    await configureApp(app, config);
    SlowController.dataSource = app.get<DataSource>(getDataSourceToken());
    await app.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    gate.open?.();
    await app.close().catch(() => undefined);
  });

  it('lets a handler whose client hung up finish its statements before the pool closes', async () => {
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const socket = await requestThenHangUp(port, '/api/probe/slow');
    socket.destroy();
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    // Long enough for the server and, without the drain, the pool to close.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closed).toBe(false);
    expect(SlowController.dataSource.isInitialized).toBe(true);

    const finished = new Promise<string>((resolve) => {
      const query = SlowController.dataSource.query.bind(SlowController.dataSource);
      SlowController.dataSource.query = (async (...args: Parameters<DataSource['query']>) => {
        try {
          const rows: unknown = await query(...args);
          resolve('answered');
          return rows;
        } catch (error) {
          resolve(`failed: ${(error as Error).message}`);
          throw error;
        }
      }) as DataSource['query'];
    });
    gate.open!();
    expect(await finished).toBe('answered');
    await closing;
    expect(SlowController.dataSource.isInitialized).toBe(false);
  });

  it('does not wait for a request whose client hung up while its session was being read', async () => {
    const port = (app.getHttpServer().address() as AddressInfo).port;
    // The session read waits on this lock, as on a slow database.
    const lock = SlowController.dataSource.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE user_sessions IN ACCESS EXCLUSIVE MODE');
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(new Signer(config.sessionSecret).sign('a-session-id'))}`;
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(
        `POST /api/probe/held HTTP/1.1\r\nHost: ctlp.test\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"a":`,
      ),
    );
    await waitFor(async () => {
      const [row] = (await SlowController.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%user_sessions%'`,
      )) as { waiting: number }[];
      return row!.waiting > 0;
    }, 'the session read to wait on the lock');
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock.commitTransaction();
    await lock.release();
    // Fastify leaves such a request where it was: its body is never read, and it never ends.
    const closed = app.close().then(() => 'closed');
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting for it'), 5_000)));
    expect(await Promise.race([closed, waited])).toBe('closed');
    clearTimeout(timer);
  });
});
