import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { waitFor } from '../../test/wait-for.js';
import { MAX_UPLOAD_BYTES, UploadStore } from '../common/upload-store.js';
import { JobsService } from '../jobs/jobs.service.js';
import { CoursesRepository } from './courses.repository.js';
import { UPLOAD_SWEEP, UploadSweeper } from './upload-sweeper.js';

let t: TestApp;
let dataDir: string;
let uploadsDir: string;
let trainerEmail: string;
let trainer: TestAgent;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctlp-uploads-'));
  uploadsDir = join(dataDir, 'uploads');
  t = await createTestApp({ dataDir });
  trainerEmail = (await createUser(t.dataSource, { roles: ['trainer'] })).email;
  trainer = await signIn(t.http, trainerEmail);
});

afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function pdfOf(size: number): Buffer {
  const pdf = Buffer.alloc(size, 0x20);
  pdf.write('%PDF-1.4\n', 0, 'latin1');
  pdf.write('\n%%EOF\n', size - 7, 'latin1');
  return pdf;
}

/** The files under DATA_DIR/uploads, sorted. */
function files(): string[] {
  try {
    return readdirSync(uploadsDir).sort();
  } catch {
    return [];
  }
}

async function resourceLesson(): Promise<{ courseId: string; moduleId: string; lessonId: string }> {
  const course = await buildCourse(trainer, { publish: false, textLessons: 1 });
  const lesson = await trainer.post(`/api/modules/${course.moduleId}/lessons`).send({ title: 'Handbook', kind: 'resource' }).expect(201);
  return { courseId: course.id, moduleId: course.moduleId, lessonId: lesson.body.id as string };
}

async function download(lessonId: string): Promise<Buffer> {
  const response = await trainer
    .get(`/api/lessons/${lessonId}/resource`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return response.body as Buffer;
}

async function storedNameOf(lessonId: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT resource->>'storedName' AS name FROM lessons WHERE id = $1`, [lessonId]);
  return row.name as string;
}

/**
 * A multipart upload sent by hand: the first half of the file now, the rest on finish(), so a
 * test can act while the server is writing it.
 */
async function slowUpload(
  lessonId: string,
  content: Buffer,
): Promise<{ finish(): Promise<{ status: number; body: Record<string, unknown> }>; abort(): void }> {
  const login = await request(t.http).post('/api/auth/login').send({ email: trainerEmail, password: TEST_PASSWORD }).expect(200);
  const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  if (!t.http.listening) await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
  const { port } = t.http.address() as AddressInfo;
  const boundary = 'ctlp-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const half = Math.floor(content.length / 2);
  let req!: http.ClientRequest;
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: `/api/lessons/${lessonId}/resource`,
        headers: {
          cookie,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + content.length + tail.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    req.on('error', reject);
  });
  answer.catch(() => undefined);
  req.write(Buffer.concat([head, content.subarray(0, half)]));
  return {
    finish: () => {
      req.end(Buffer.concat([content.subarray(half), tail]));
      return answer;
    },
    abort: () => req.destroy(),
  };
}

describe('resource uploads', () => {
  it('streams a file to disk and serves it back byte for byte, under a name of our making', async () => {
    const { lessonId } = await resourceLesson();
    // Large enough to arrive in many chunks.
    const pdf = pdfOf(3 * 1024 * 1024 + 17);
    const attached = await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', pdf, 'Guide.pdf').expect(200);
    expect(attached.body.resource).toEqual({ fileName: 'Guide.pdf', contentType: 'application/pdf', size: pdf.length });
    const storedName = await storedNameOf(lessonId);
    expect(files()).toContain(storedName);
    expect(files().filter((name) => name.endsWith('.part'))).toEqual([]);
    expect(Buffer.compare(await download(lessonId), pdf)).toBe(0);

    // Text is checked as text throughout, not only its first bytes.
    const csv = Buffer.from('name,count\n' + 'Österreich,1\n'.repeat(20_000));
    await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', csv, 'counts.csv').expect(200);
    expect(Buffer.compare(await download(lessonId), csv)).toBe(0);
    // The previous file went once the new one was attached.
    expect(files()).not.toContain(storedName);
    const binary = Buffer.concat([csv, Buffer.from([0xff, 0xfe, 0x00])]);
    const refused = await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', binary, 'counts.csv').expect(400);
    expect(refused.body.fields.file.code).toBe('file_content_mismatch');
  });

  it('takes a file of exactly the limit and refuses one byte more with the field error, leaving nothing behind', async () => {
    const { lessonId } = await resourceLesson();
    const before = files();
    const tooLarge = await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', pdfOf(MAX_UPLOAD_BYTES + 1), 'big.pdf');
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toMatchObject({ code: 'validation_failed', fields: { file: { code: 'file_too_large', params: { maxMb: 20 } } } });
    expect(files()).toEqual(before);
    const lesson = await trainer.get(`/api/lessons/${lessonId}`).expect(200);
    expect(lesson.body.resource).toBeNull();

    await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', pdfOf(MAX_UPLOAD_BYTES), 'limit.pdf').expect(200);
    expect(files()).toEqual([...before, await storedNameOf(lessonId)].sort());
  });

  it('removes the received file when the lesson is deleted while it arrives', async () => {
    const { lessonId } = await resourceLesson();
    const before = files();
    const pdf = pdfOf(2 * 1024 * 1024);
    // A client that sends half the file, waits, then the rest: the lesson goes in between.
    const upload = await slowUpload(lessonId, pdf);
    await waitFor(() => files().some((name) => name.endsWith('.part')), 'the temporary file');
    await trainer.delete(`/api/lessons/${lessonId}`).expect(204);
    const { status, body } = await upload.finish();
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found', params: { resource: 'lesson' } });
    expect(files()).toEqual(before);
  });

  it('removes the temporary file when the client goes away mid-upload', async () => {
    const { lessonId } = await resourceLesson();
    const before = files();
    const upload = await slowUpload(lessonId, pdfOf(2 * 1024 * 1024));
    await waitFor(() => files().some((name) => name.endsWith('.part')), 'the temporary file');
    upload.abort();
    await waitFor(() => files().length === before.length, 'the temporary file to go');
    expect(files()).toEqual(before);
    // The API is still there and the lesson untouched.
    const lesson = await trainer.get(`/api/lessons/${lessonId}`).expect(200);
    expect(lesson.body.resource).toBeNull();
  });

  it('refuses a lesson that is not a resource, or not the caller’s, before writing anything', async () => {
    const { courseId, lessonId } = await resourceLesson();
    const outline = await trainer.get(`/api/courses/${courseId}`).expect(200);
    const textLesson = outline.body.modules[0].lessons.find((l: { kind: string }) => l.kind === 'text').id as string;
    const before = files();
    await trainer.post(`/api/lessons/${textLesson}/resource`).attach('file', pdfOf(4096), 'a.pdf').expect(409);
    const stranger = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
    await stranger.post(`/api/lessons/${lessonId}/resource`).attach('file', pdfOf(4096), 'a.pdf').expect(404);
    const exe = await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', Buffer.from('MZ\x90\x00'), 'tool.exe').expect(400);
    expect(exe.body.fields.file.code).toBe('file_type_not_allowed');
    const empty = await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', Buffer.alloc(0), 'empty.pdf').expect(400);
    expect(empty.body.fields.file.code).toBe('file_empty');
    expect(files()).toEqual(before);
  });

  it('removes the files of a deleted lesson and of the lessons of a deleted module', async () => {
    const { courseId, moduleId, lessonId } = await resourceLesson();
    await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', pdfOf(4096), 'a.pdf').expect(200);
    const first = await storedNameOf(lessonId);
    const other = await trainer.post(`/api/modules/${moduleId}/lessons`).send({ title: 'Annex', kind: 'resource' }).expect(201);
    await trainer.post(`/api/lessons/${other.body.id}/resource`).attach('file', pdfOf(4096), 'b.pdf').expect(200);
    const second = await storedNameOf(other.body.id);
    expect(files()).toEqual(expect.arrayContaining([first, second]));

    await trainer.delete(`/api/lessons/${lessonId}`).expect(204);
    expect(files()).not.toContain(first);
    expect(files()).toContain(second);
    await trainer.delete(`/api/modules/${moduleId}`).expect(204);
    expect(files()).not.toContain(second);
    await trainer.get(`/api/courses/${courseId}`).expect(200);
  });
});

describe('the sweep of files no lesson names', () => {
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
  const plant = (name: string, modified: Date) => {
    writeFileSync(join(uploadsDir, name), 'x');
    utimesSync(join(uploadsDir, name), modified, modified);
  };

  it('removes orphans and old temporary files, keeps named and fresh ones, and finishes an interrupted move', async () => {
    // Named by a lesson: old, and kept.
    const { lessonId: kept } = await resourceLesson();
    await trainer.post(`/api/lessons/${kept}/resource`).attach('file', pdfOf(4096), 'kept.pdf').expect(200);
    const keptName = await storedNameOf(kept);
    utimesSync(join(uploadsDir, keptName), hoursAgo(48), hoursAgo(48));
    // Committed but not moved into place (a crash between the two): served from the temporary file, then moved.
    const { lessonId: interrupted } = await resourceLesson();
    const pdf = pdfOf(8192);
    await trainer.post(`/api/lessons/${interrupted}/resource`).attach('file', pdf, 'interrupted.pdf').expect(200);
    const interruptedName = await storedNameOf(interrupted);
    renameSync(join(uploadsDir, interruptedName), join(uploadsDir, `${interruptedName}.part`));
    utimesSync(join(uploadsDir, `${interruptedName}.part`), hoursAgo(3), hoursAgo(3));
    expect(Buffer.compare(await download(interrupted), pdf)).toBe(0);

    const orphan = randomUUID();
    const freshOrphan = randomUUID();
    const oldPart = `${randomUUID()}.part`;
    const freshPart = `${randomUUID()}.part`;
    plant(orphan, hoursAgo(2));
    plant(freshOrphan, hoursAgo(0.25));
    plant(oldPart, hoursAgo(2));
    plant(freshPart, hoursAgo(0.25));
    plant('not-ours.txt', hoursAgo(48));
    mkdirSync(join(uploadsDir, randomUUID()));

    const result = await t.app.get(UploadSweeper).sweep();
    expect(result).toEqual({ placed: 1, removedTemporary: 1, removedOrphans: 1 });
    const left = files();
    expect(left).toEqual(expect.arrayContaining([keptName, interruptedName, freshOrphan, freshPart, 'not-ours.txt']));
    expect(left).not.toContain(orphan);
    expect(left).not.toContain(oldPart);
    expect(left).not.toContain(`${interruptedName}.part`);
    expect(Buffer.compare(await download(interrupted), pdf)).toBe(0);
    expect(readFileSync(join(uploadsDir, keptName)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is harmless when several replicas sweep at once', async () => {
    const { lessonId } = await resourceLesson();
    await trainer.post(`/api/lessons/${lessonId}/resource`).attach('file', pdfOf(4096), 'named.pdf').expect(200);
    const named = await storedNameOf(lessonId);
    utimesSync(join(uploadsDir, named), hoursAgo(48), hoursAgo(48));
    const orphans: string[] = Array.from({ length: 20 }, () => randomUUID());
    orphans.push(`${randomUUID()}.part`);
    for (const name of orphans) plant(name, hoursAgo(2));

    // Each replica has its own sweeper on the shared folder and database.
    const replicas = Array.from(
      { length: 4 },
      () => new UploadSweeper(t.app.get(UploadStore), t.app.get(CoursesRepository), t.app.get(JobsService)),
    );
    const results = await Promise.all(replicas.map((replica) => replica.sweep()));
    expect(results.every((r) => r.placed === 0)).toBe(true);
    const left = files();
    expect(left).toContain(named);
    expect(left.filter((name) => orphans.includes(name))).toEqual([]);
    expect(Buffer.compare(await download(lessonId), pdfOf(4096))).toBe(0);
  });

  it('runs when the API starts', async () => {
    const orphan = randomUUID();
    plant(orphan, new Date(Date.now() - UPLOAD_SWEEP.orphanGraceMs - 60_000));
    // Test apps run no background jobs (they share a data folder across databases); this one is
    // configured as a deployment would be, on this file's own folder.
    const deployed = await createTestApp({ dataDir, env: 'development', jobsWorker: true });
    try {
      await waitFor(() => !files().includes(orphan), 'the sweep at start');
    } finally {
      await deployed.close();
    }
  });
});
