import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

/** Public reads answer a weak ETag, and 304 with no body while what they answer has not changed. */
describe('revalidating public reads (ETag, If-None-Match)', () => {
  let t: TestApp;
  let slug: string;
  let courseId: string;
  let trainer: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.dataSource, { email: 'etag-trainer@example.org', roles: ['trainer'] });
    trainer = await signIn(t.http, 'etag-trainer@example.org');
    const built = await buildCourse(trainer, { title: 'Revalidation course' });
    courseId = built.id;
    slug = (await request(t.http).get(`/api/courses/${courseId}`).expect(200)).body.slug;
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers the catalog 304 to its own ETag, and 200 with a new ETag once the catalog changed', async () => {
    const first = await request(t.http).get('/api/courses').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toContain('Cookie');
    const again = await request(t.http).get('/api/courses').set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);

    await trainer.patch(`/api/courses/${courseId}`).send({ summary: 'A changed summary' }).expect(200);
    const changed = await request(t.http).get('/api/courses').set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.items.some((c: { summary: string }) => c.summary === 'A changed summary')).toBe(true);
  });

  it('gives another query another ETag', async () => {
    const all = await request(t.http).get('/api/courses').expect(200);
    const searched = await request(t.http).get('/api/courses?q=nothing-matches-this').expect(200);
    expect(searched.headers.etag).not.toBe(all.headers.etag);
    await request(t.http).get('/api/courses?q=nothing-matches-this').set('If-None-Match', all.headers.etag).expect(200);
  });

  it('revalidates a public course read, privately when a session asks', async () => {
    const visitor = await request(t.http).get(`/api/courses/${slug}`).expect(200);
    expect(visitor.headers['cache-control']).toBe('no-cache');
    await request(t.http).get(`/api/courses/${slug}`).set('If-None-Match', visitor.headers.etag).expect(304);
    const signedIn = await trainer.get(`/api/courses/${slug}`).expect(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    // The trainer's answer says they may edit it: another body, another tag.
    expect(signedIn.headers.etag).not.toBe(visitor.headers.etag);
  });

  it('gives the Member States one ETag per language', async () => {
    const french = await request(t.http).get('/api/member-states?locale=fr').expect(200);
    const arabic = await request(t.http).get('/api/member-states?locale=ar').expect(200);
    expect(french.headers.etag).not.toBe(arabic.headers.etag);
    await request(t.http).get('/api/member-states?locale=fr').set('If-None-Match', french.headers.etag).expect(304);
    await request(t.http).get('/api/member-states?locale=ar').set('If-None-Match', french.headers.etag).expect(200);
  });

  it('revalidates a verification; errors carry no ETag', async () => {
    const unknown = await request(t.http).get('/api/verify/unknown-code-123').expect(404);
    expect(unknown.headers.etag).toBeUndefined();
  });
});
