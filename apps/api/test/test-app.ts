import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AgencyType, Gender, Locale, Role, UserStatus } from '@ctlp/contracts';
import { hashPassword } from '../src/auth/passwords.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { createApp } from '../src/create-app.js';
import { withDatabase } from '../src/database/embedded-postgres.js';
import { UserEntity } from '../src/users/user.entity.js';
import { createDataSource } from '../src/database/data-source.js';
import { seedMemberStates } from '../src/database/seeds/member-states.seeder.js';

let fileDatabase: Promise<string> | undefined;
const TEMPLATE_LOCK = 4_242_002;

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Migrated and loaded with the Member States once per run, by whichever file comes first. */
async function ensureTemplate(serverUrl: string, template: string, client: pg.Client): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  if (rowCount) return;
  const building = `${template}_building`;
  await client.query(`DROP DATABASE IF EXISTS ${building}`);
  await client.query(`CREATE DATABASE ${building}`);
  const dataSource = await createDataSource(withDatabase(serverUrl, building)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((manager) => seedMemberStates(manager));
  } finally {
    await dataSource.destroy();
  }
  await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
}

/**
 * This test file's own database, cloned from the migrated template (CREATE DATABASE … TEMPLATE),
 * so files run in parallel and never see each other's rows.
 */
export function testDatabaseUrl(): Promise<string> {
  fileDatabase ??= (async () => {
    const serverUrl = process.env.CTLP_TEST_SERVER_URL!;
    const prefix = process.env.CTLP_TEST_DB_PREFIX!;
    const template = `${prefix}_template`;
    const name = `${prefix}_${randomBytes(6).toString('hex')}`;
    await withAdminClient(serverUrl, async (client) => {
      await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
      try {
        await ensureTemplate(serverUrl, template, client);
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
      }
    });
    return withDatabase(serverUrl, name);
  })();
  return fileDatabase;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-session-secret-that-is-long-enough', PUBLIC_URL: 'http://ctlp.test' }),
    // Decisions mailed at once, so a test drains them without waiting; the undo tests set a window.
    vettingUndoSeconds: 0,
    // The tests seed no demo accounts; their passphrase is refused as it is in production.
    seedDemo: false,
    // Hundreds of tests sign in as admins without TOTP; auth/mfa.e2e-spec.ts turns this on and proves it.
    mfaRequiredRoles: [],
    ...overrides,
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real API (same middleware, guards and pipes as production) on this file's database. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const app = await createApp(testConfig(overrides), await testDatabaseUrl());
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    close: () => app.close(),
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;

export interface TestUserInput {
  email?: string;
  fullName?: string;
  memberState?: string;
  institution?: string;
  agencyType?: AgencyType;
  jobTitle?: string;
  gender?: Gender;
  locale?: Locale;
  roles?: Role[];
  status?: UserStatus;
}

/** Inserts a user directly (password TEST_PASSWORD); the API is what the tests examine. */
export async function createUser(dataSource: DataSource, input: TestUserInput = {}): Promise<UserEntity> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const users = dataSource.getRepository(UserEntity);
  const { identifiers } = await users.insert({
    email: input.email ?? `user-${randomBytes(5).toString('hex')}@example.org`,
    fullName: input.fullName ?? 'Test Official',
    memberState: input.memberState ?? 'KEN',
    institution: input.institution ?? 'National Police Service',
    agencyType: input.agencyType ?? 'police',
    jobTitle: input.jobTitle ?? 'Inspector',
    gender: input.gender ?? 'female',
    locale: input.locale ?? 'en',
    roles: input.roles ?? ['learner'],
    status: input.status ?? 'active',
    passwordHash: await testPasswordHash,
  });
  return users.findOneByOrFail({ id: identifiers[0]!.id as string });
}

/** A cookie-keeping client, signed in as that user. */
export async function signIn(http: TestApp['http'], email: string, password = TEST_PASSWORD): Promise<TestAgent> {
  const agent = request.agent(http);
  const response = await agent.post('/api/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return agent;
}
