import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse, type BuiltCourse } from '../../../test/courses.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, testConfig, testDatabaseUrl, type TestApp } from '../../../test/test-app.js';
import { createApp } from '../../create-app.js';
import { withDatabase } from '../embedded-postgres.js';
import { ArchiveError, ArchiveWriter, readArchive } from './archive.js';
import { createBackup } from './backup.js';
import { restoreCommand } from './commands.js';
import { MANIFEST_ENTRY, type Manifest } from './manifest.js';
import { RestoreRefused, restoreArchive, verifyArchive } from './restore.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4096), Buffer.from('\n%%EOF\n')]);
const work = mkdtempSync(join(tmpdir(), 'ctlp-backup-'));
const sourceDir = join(work, 'source');
const archive = join(work, 'ctlp-backup.tar.gz');

let source: TestApp;
let trainer: TestAgent;
let admin: TestAgent;
let adminEmail: string;
let course: BuiltCourse;
let resourceCourse: BuiltCourse;
let resourceLessonId: string;
let learners: Array<{ email: string; agent: TestAgent }>;
let laterLearner: { email: string; agent: TestAgent };
let certificate: { verificationCode: string; serial: string };

/** Whole months from 2020 to the end of this one: the report reads them from the summary tables. */
const PERIOD = {
  from: '2020-01-01',
  to: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 10),
};

async function memberStateReport(agent: TestAgent, query: Record<string, string> = PERIOD) {
  const { body } = await agent.get('/api/reports/member-states').query(query).expect(200);
  delete body.generatedAt;
  return body as Record<string, unknown>;
}

function download(agent: TestAgent, lessonId: string) {
  return agent
    .get(`/api/lessons/${lessonId}/resource`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server (dropped with the others at the end of the run). */
async function emptyDatabase(): Promise<string> {
  const serverUrl = process.env.CTLP_TEST_SERVER_URL!;
  const name = `${process.env.CTLP_TEST_DB_PREFIX}_restore_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  return withDatabase(serverUrl, name);
}

async function tableCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return rows[0]!.n;
  });
}

/** Keys, indexes, triggers (and whether each is on) and sequences, as PostgreSQL prints them. */
async function schemaFacts(url: string) {
  return withClient(url, async (client) => {
    const read = async (text: string) => (await client.query(text)).rows;
    return {
      constraints: await read(
        `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
      ),
      indexes: await read(
        `SELECT indexrelid::regclass::text AS i, pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace) ORDER BY 1`,
      ),
      triggers: await read(`SELECT tgrelid::regclass::text AS t, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
      sequences: await read(`SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`),
      migrations: await read(`SELECT name FROM migrations ORDER BY id`),
    };
  });
}

/** Runs the CLI's restore with this environment, as `npm run db:restore -- FILE` would. */
async function restoreWithCli(file: string, env: { DATABASE_URL: string; DATA_DIR: string }): Promise<void> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
  Object.assign(process.env, env);
  const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await restoreCommand(file);
  } finally {
    quiet.mockRestore();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** A copy of the archive with its manifest changed (every other entry as it was). */
async function rewrite(from: string, to: string, change: (manifest: Manifest) => void): Promise<void> {
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(to));
  const writer = new ArchiveWriter(gzip);
  for await (const entry of readArchive(from)) {
    const parts: Buffer[] = [];
    for await (const part of entry.body()) parts.push(part);
    let content = Buffer.concat(parts);
    if (entry.path === MANIFEST_ENTRY) {
      const manifest = JSON.parse(content.toString('utf8')) as Manifest;
      change(manifest);
      content = Buffer.from(JSON.stringify(manifest));
    }
    await writer.addBuffer(entry.path, content);
  }
  await writer.finish();
  gzip.end();
  await written;
}

beforeAll(async () => {
  source = await createTestApp({ dataDir: sourceDir });
  trainer = await signIn(source.http, (await createUser(source.dataSource, { roles: ['trainer'] })).email);
  adminEmail = (await createUser(source.dataSource, { roles: ['admin'], memberState: 'AUT' })).email;
  admin = await signIn(source.http, adminEmail);

  course = await buildCourse(trainer, { title: 'Mutual legal assistance', textLessons: 1 });
  resourceCourse = await buildCourse(trainer, { title: 'Handbooks', textLessons: 1, publish: false });
  const lesson = await trainer
    .post(`/api/modules/${resourceCourse.moduleId}/lessons`)
    .send({ title: 'Handbook', kind: 'resource' })
    .expect(201);
  resourceLessonId = lesson.body.id;
  await trainer
    .post(`/api/lessons/${resourceLessonId}/resource`)
    .attach('file', PDF, { filename: 'Handbook.pdf', contentType: 'application/pdf' })
    .expect(200);
  await trainer.post(`/api/courses/${resourceCourse.id}/publish`).expect(200);

  learners = [];
  for (const [memberState, gender] of [
    ['KEN', 'female'],
    ['KEN', 'male'],
    ['FRA', 'female'],
  ] as const) {
    const { email } = await createUser(source.dataSource, { memberState, gender });
    const agent = await signIn(source.http, email);
    await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
    const done = await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    certificate ??= done.body.certificate;
    await agent.post(`/api/courses/${resourceCourse.id}/enrolments`).expect(201);
    learners.push({ email, agent });
  }
  // Enrolled, not yet complete: completes after the restore, for the next certificate serial.
  const later = await createUser(source.dataSource, { memberState: 'BRA' });
  laterLearner = { email: later.email, agent: await signIn(source.http, later.email) };
  await laterLearner.agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
});

afterAll(async () => {
  await source?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let restoredUrl: string;
  let restored: NestFastifyApplication;
  const restoredDir = join(work, 'restored');

  afterAll(async () => {
    await restored?.close();
  });

  it('restores the database, the uploaded files and the report into an empty database and data folder', async () => {
    const reportBefore = await memberStateReport(admin);
    // Ending within this month: its part is counted from the rows, not the summary.
    const partial = { from: '2020-01-01', to: new Date(Date.now() + 3_600_000).toISOString() };
    const reportPartial = await memberStateReport(admin, partial);
    expect(reportBefore.totals).toMatchObject({ officialsTrained: 3, enrolments: 7, completions: 3, certificates: 3 });
    writeFileSync(join(sourceDir, 'session-secret'), 'a-development-secret-from-the-source');
    // The lesson's file as a crash between commit and move into place leaves it (still .part),
    // and an upload in flight that no committed lesson names.
    const [stored] = readdirSync(join(sourceDir, 'uploads'));
    renameSync(join(sourceDir, 'uploads', stored!), join(sourceDir, 'uploads', `${stored}.part`));
    writeFileSync(join(sourceDir, 'uploads', `${randomUUID()}.part`), 'half an upload');

    const { manifest } = await createBackup({ databaseUrl: await testDatabaseUrl(), dataDir: sourceDir, output: archive });
    expect(manifest.uploads.map((u) => u.name)).toEqual([stored]);
    expect(manifest.sessionSecret).not.toBeNull();
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(manifest.tables.find((t) => t.name === 'certificates')?.rows).toBe(3);
    expect(manifest.sequences.find((s) => s.name === 'certificate_serial_seq')).toBeDefined();

    restoredUrl = await emptyDatabase();
    const result = await restoreArchive(await verifyArchive(archive), { databaseUrl: restoredUrl, dataDir: restoredDir });
    expect(result).toMatchObject({ uploads: 1, newerMigrations: [], skippedTables: [] });
    expect(await schemaFacts(restoredUrl)).toEqual(await schemaFacts(await testDatabaseUrl()));
    expect(readFileSync(join(restoredDir, 'session-secret'), 'utf8')).toBe('a-development-secret-from-the-source');
    expect(readdirSync(join(restoredDir, 'uploads'))).toEqual([stored]);

    restored = await createApp(testConfig({ dataDir: restoredDir }), restoredUrl);
    const http = restored.getHttpServer();
    const restoredAdmin = await signIn(http, adminEmail, TEST_PASSWORD);
    expect(await memberStateReport(restoredAdmin)).toEqual(reportBefore);
    expect(await memberStateReport(restoredAdmin, partial)).toEqual(reportPartial);

    const verified = await request(http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(verified.body.status).toBe('valid');

    const learner = await signIn(http, learners[0]!.email);
    const file = await download(learner, resourceLessonId);
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
  });

  it('keeps the report summary loaded as it was: rebuilding it from the rows changes nothing', async () => {
    await withClient(restoredUrl, async (client) => {
      const summary = async () => (await client.query(`SELECT * FROM report_monthly ORDER BY month, member_state, agency_type`)).rows;
      const before = await summary();
      expect(before.length).toBeGreaterThan(0);
      await client.query('SELECT report_summary_rebuild()');
      expect(await summary()).toEqual(before);
    });
  });

  it('issues the next certificate serial after the restore, never one already taken', async () => {
    const serials = await withClient(restoredUrl, async (client) =>
      (await client.query<{ serial: string }>('SELECT serial FROM certificates')).rows.map((r) => r.serial),
    );
    const learner = await signIn(restored.getHttpServer(), laterLearner.email);
    const done = await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    const serial: string = done.body.certificate.serial;
    expect(serials).not.toContain(serial);
    const number = (s: string) => Number(s.split('-').at(-1));
    expect(number(serial)).toBe(Math.max(...serials.map(number)) + 1);
  });

  it('refuses a database that already holds data, and changes nothing in it', async () => {
    const target = await testDatabaseUrl();
    const before = await schemaFacts(target);
    const emptyDir = join(work, 'empty-for-non-empty-db');
    await expect(restoreWithCli(archive, { DATABASE_URL: target, DATA_DIR: emptyDir })).rejects.toThrow(/already holds data/);
    await expect(restoreArchive(await verifyArchive(archive), { databaseUrl: target, dataDir: emptyDir })).rejects.toBeInstanceOf(
      RestoreRefused,
    );
    expect(await schemaFacts(target)).toEqual(before);
    expect(existsSync(emptyDir)).toBe(false);
  });

  it('refuses a data folder that already holds uploaded files', async () => {
    const dir = join(work, 'with-uploads');
    mkdirSync(join(dir, 'uploads'), { recursive: true });
    writeFileSync(join(dir, 'uploads', 'someone-elses-file'), 'x');
    const target = await emptyDatabase();
    await expect(restoreWithCli(archive, { DATABASE_URL: target, DATA_DIR: dir })).rejects.toThrow(/already holds files/);
    expect(await tableCount(target)).toBe(0);
    expect(readdirSync(join(dir, 'uploads'))).toEqual(['someone-elses-file']);
  });

  it('refuses a truncated or damaged archive before writing anything', async () => {
    const whole = readFileSync(archive);
    const damaged = [
      { name: 'truncated.tar.gz', bytes: whole.subarray(0, Math.floor(whole.length / 2)) },
      { name: 'end-cut.tar.gz', bytes: whole.subarray(0, whole.length - 10) },
      { name: 'flipped.tar.gz', bytes: Buffer.from(whole).fill(0x55, Math.floor(whole.length / 2), Math.floor(whole.length / 2) + 16) },
      { name: 'empty.tar.gz', bytes: Buffer.alloc(0) },
      { name: 'not-an-archive.tar.gz', bytes: Buffer.from('hello, world\n'.repeat(100)) },
    ];
    for (const { name, bytes } of damaged) {
      const file = join(work, name);
      writeFileSync(file, bytes);
      await expect(verifyArchive(file)).rejects.toBeInstanceOf(ArchiveError);
      const target = await emptyDatabase();
      const dir = join(work, `target-${name}`);
      await expect(restoreWithCli(file, { DATABASE_URL: target, DATA_DIR: dir })).rejects.toThrow(/archive/i);
      expect(await tableCount(target)).toBe(0);
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('refuses an archive whose files do not match its manifest', async () => {
    const altered = join(work, 'altered.tar.gz');
    await rewrite(archive, altered, (manifest) => {
      manifest.tables.find((t) => t.name === 'certificates')!.sha256 = '0'.repeat(64);
    });
    await expect(verifyArchive(altered)).rejects.toThrow(/rows of certificates in the archive does not match its manifest/);
  });

  it('refuses an archive from a newer schema than the code knows', async () => {
    const newer = join(work, 'newer.tar.gz');
    await rewrite(archive, newer, (manifest) => {
      manifest.migrations.push({ timestamp: 1899999999999, name: 'FromTheFuture1899999999999' });
    });
    await expect(verifyArchive(newer)).rejects.toThrow(
      /newer schema than this CTLP knows \(unknown migrations: FromTheFuture1899999999999/,
    );
    const later = join(work, 'later-format.tar.gz');
    await rewrite(archive, later, (manifest) => {
      manifest.formatVersion = 99;
    });
    await expect(verifyArchive(later)).rejects.toThrow(/format version 99/);
  });
});
