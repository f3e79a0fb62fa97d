import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import sharp from 'sharp';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { UPLOAD_SWEEP, UploadSweeper } from './upload-sweeper.js';

let t: TestApp;
let dataDir: string;
let owner: TestAgent;
let coTrainer: TestAgent;
let otherTrainer: TestAgent;
let admin: TestAgent;
let learner: TestAgent;
let coTrainerEmail: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctlp-covers-'));
  t = await createTestApp({ dataDir });
  const [o, c, other, ad, l] = await Promise.all([
    createUser(t.dataSource, { roles: ['trainer'] }),
    createUser(t.dataSource, { roles: ['trainer'] }),
    createUser(t.dataSource, { roles: ['trainer'] }),
    createUser(t.dataSource, { roles: ['admin'] }),
    createUser(t.dataSource, { roles: ['learner'] }),
  ]);
  coTrainerEmail = c.email;
  [owner, coTrainer, otherTrainer, admin, learner] = await Promise.all([o, c, other, ad, l].map((user) => signIn(t.http, user.email)));
});

afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A photo-like test image: a gradient with a disc, with EXIF that must not survive. */
function image(format: 'jpeg' | 'png' | 'webp', width = 1200, height = 900): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#0b5aa2"/><stop offset="1" stop-color="#ffbf47"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#fff"/></svg>`;
  const photo = sharp(Buffer.from(svg)).withExif({ IFD0: { Copyright: 'Secret Photographer', ImageDescription: 'GPS somewhere' } });
  return photo[format]().toBuffer();
}

/** The response body as bytes (supertest would otherwise try to read an image as text). */
function asBytes(test: request.Test): request.Test {
  return test.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

function uploadsOnDisk(): string[] {
  try {
    return readdirSync(join(dataDir, 'uploads')).sort();
  } catch {
    return [];
  }
}

async function course(publish: boolean): Promise<string> {
  const built = await buildCourse(owner, { publish });
  await owner.post(`/api/courses/${built.id}/trainers`).send({ email: coTrainerEmail }).expect(200);
  return built.id;
}

describe('course cover', () => {
  it('turns an uploaded JPEG into 16:9 WebP renditions without metadata, served with long-lived caching', async () => {
    const id = await course(true);
    const uploaded = await owner
      .put(`/api/courses/${id}/cover`)
      .attach('file', await image('jpeg'), 'photo.jpg')
      .expect(200);
    const cover = uploaded.body.cover as { url: string; srcset: string; width: number; height: number };
    expect(cover).toMatchObject({ width: 800, height: 450 });
    const version = /\?v=([\w-]+)$/.exec(cover.url)![1];
    expect(cover.url).toBe(`/api/courses/${id}/cover/800.webp?v=${version}`);
    expect(cover.srcset).toBe(`/api/courses/${id}/cover/400.webp?v=${version} 400w, /api/courses/${id}/cover/800.webp?v=${version} 800w`);

    // The catalog and the course page carry the same cover; anyone (signed out too) may fetch it.
    const catalog = await request(t.http).get('/api/courses').expect(200);
    expect(catalog.body.items.find((item: { id: string }) => item.id === id).cover).toEqual(cover);
    for (const [width, height] of [
      [400, 225],
      [800, 450],
    ]) {
      const response = await asBytes(request(t.http).get(`/api/courses/${id}/cover/${width}.webp?v=${version}`)).expect(200);
      expect(response.headers['content-type']).toBe('image/webp');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(response.body as Buffer).metadata();
      expect(meta).toMatchObject({ format: 'webp', width, height });
      expect(meta.exif).toBeUndefined();
      expect((response.body as Buffer).includes('Secret Photographer')).toBe(false);
      expect((response.body as Buffer).length).toBeLessThan(width * 60);
    }

    // Without the current version (an old page, a hand-typed address) it is revalidated instead.
    const unversioned = await request(t.http).get(`/api/courses/${id}/cover/400.webp`).expect(200);
    expect(unversioned.headers['cache-control']).toBe('public, no-cache');
    const etag = unversioned.headers.etag as string;
    await request(t.http).get(`/api/courses/${id}/cover/400.webp`).set('If-None-Match', etag).expect(304);
    await request(t.http).get(`/api/courses/${id}/cover/1600.webp`).expect(404);
    await request(t.http).get(`/api/courses/${id}/cover/..%2F..%2Fetc%2Fpasswd`).expect(404);
  });

  it('takes PNG and WebP, replaces the previous renditions, and removes them with the cover', async () => {
    const id = await course(true);
    const before = uploadsOnDisk();
    const first = await coTrainer
      .put(`/api/courses/${id}/cover`)
      .attach('file', await image('png'), 'diagram.png')
      .expect(200);
    expect(uploadsOnDisk()).toHaveLength(before.length + 2);
    const second = await owner
      .put(`/api/courses/${id}/cover`)
      .attach('file', await image('webp', 640, 640), 'square.webp')
      .expect(200);
    expect(second.body.cover.url).not.toBe(first.body.cover.url);
    // The first cover's files are gone: two renditions remain for this course, and no upload is left half-written.
    expect(uploadsOnDisk()).toHaveLength(before.length + 2);
    expect(uploadsOnDisk().filter((name) => name.endsWith('.part'))).toEqual([]);
    const square = await asBytes(request(t.http).get(second.body.cover.url)).expect(200);
    expect(await sharp(square.body as Buffer).metadata()).toMatchObject({ width: 800, height: 450 });

    const removed = await owner.delete(`/api/courses/${id}/cover`).expect(200);
    expect(removed.body.cover).toBeNull();
    expect(uploadsOnDisk()).toEqual(before);
    await request(t.http).get(second.body.cover.url).expect(404);
    await owner.delete(`/api/courses/${id}/cover`).expect(200);
  });

  it('refuses what is not a JPEG, PNG or WebP image of at most 5 MB, naming the file field', async () => {
    const id = await course(false);
    const png = await image('png', 300, 200);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const cases: [Buffer, string, string][] = [
      [svg, 'logo.svg', 'file_type_not_allowed'],
      [svg, 'logo.png', 'file_content_mismatch'],
      [png, 'renamed.jpg', 'file_content_mismatch'],
      [Buffer.from('%PDF-1.4 not an image'), 'handbook.pdf', 'file_type_not_allowed'],
      [Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]), 'broken.png', 'image_unreadable'],
      [Buffer.alloc(0), 'empty.png', 'file_empty'],
    ];
    for (const [content, name, code] of cases) {
      const response = await owner.put(`/api/courses/${id}/cover`).attach('file', content, name).expect(400);
      expect({ name, code: response.body.fields.file.code }).toEqual({ name, code });
    }
    const tooLarge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024, 0)]);
    const large = await owner.put(`/api/courses/${id}/cover`).attach('file', tooLarge, 'huge.png').expect(400);
    expect(large.body.fields.file).toMatchObject({ code: 'file_too_large', params: { maxMb: 5 } });
    const missing = await owner.put(`/api/courses/${id}/cover`).field('title', 'no file').expect(400);
    expect(missing.body.fields.file.code).toBe('file_required');
    expect(uploadsOnDisk().filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const id = await course(false);
    // 7,000 × 7,000 pixels of one colour: a few hundred kilobytes as PNG, 150 MB once decoded.
    const bomb = await sharp({ create: { width: 7_000, height: 7_000, channels: 3, background: '#fff' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const response = await owner.put(`/api/courses/${id}/cover`).attach('file', bomb, 'bomb.png').expect(400);
    expect(response.body.fields.file).toMatchObject({ code: 'image_too_many_pixels', params: { maxMegapixels: 40 } });
  });

  it('lets only the course’s trainers and admins change the cover', async () => {
    const id = await course(true);
    const jpeg = await image('jpeg', 400, 300);
    await otherTrainer.put(`/api/courses/${id}/cover`).attach('file', jpeg, 'mine.jpg').expect(404);
    await otherTrainer.delete(`/api/courses/${id}/cover`).expect(404);
    await learner.put(`/api/courses/${id}/cover`).attach('file', jpeg, 'mine.jpg').expect(403);
    await learner.delete(`/api/courses/${id}/cover`).expect(403);
    await request(t.http).put(`/api/courses/${id}/cover`).attach('file', jpeg, 'mine.jpg').expect(401);
    const byAdmin = await admin.put(`/api/courses/${id}/cover`).attach('file', jpeg, 'admin.jpg').expect(200);
    expect(byAdmin.body.cover).not.toBeNull();
  });

  it('keeps a draft’s cover to its trainers, and never in shared caches', async () => {
    const built = await buildCourse(owner, { publish: false });
    const uploaded = await owner
      .put(`/api/courses/${built.id}/cover`)
      .attach('file', await image('jpeg', 400, 300), 'draft.jpg')
      .expect(200);
    const url = uploaded.body.cover.url as string;
    await request(t.http).get(url).expect(404);
    await learner.get(url).expect(404);
    await otherTrainer.get(url).expect(404);
    const own = await owner.get(url).expect(200);
    expect(own.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    await admin.get(url).expect(200);
  });

  it('keeps the files of a cover through the upload sweep', async () => {
    const id = await course(true);
    await owner
      .put(`/api/courses/${id}/cover`)
      .attach('file', await image('jpeg', 400, 300), 'kept.jpg')
      .expect(200);
    const before = uploadsOnDisk();
    const result = await t.app.get(UploadSweeper).sweep(Date.now() + UPLOAD_SWEEP.orphanGraceMs * 2);
    expect(result.removedOrphans).toBe(0);
    expect(uploadsOnDisk()).toEqual(before);
  });
});
