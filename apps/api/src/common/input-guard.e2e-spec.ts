import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';

const NUL = '\u0000';

/** Malformed input the penetration test found answered with 500: each is a 400 naming what is wrong. */
describe('malformed input', () => {
  let t: TestApp;
  let admin: TestAgent;
  let trainer: TestAgent;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const adminUser = await createUser(t.dataSource, { roles: ['admin'] });
    const trainerUser = await createUser(t.dataSource, { roles: ['trainer'] });
    admin = await signIn(t.http, adminUser.email);
    trainer = await signIn(t.http, trainerUser.email);
    courseId = (await buildCourse(trainer)).id;
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  describe('a NUL character', () => {
    it('in the query of the catalog search is a 400 naming q', async () => {
      const response = await request(t.http).get('/api/courses?q=%00').expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', fields: { q: { code: 'invalid_characters' } } });
    });

    it('in a registration field is a 400 naming the field', async () => {
      const response = await request(t.http)
        .post('/api/auth/register')
        .send({
          email: 'nadia@example.org',
          password: 'a long and unusual passphrase 42',
          fullName: `Nadia${NUL}Rahman`,
          memberState: 'KEN',
          institution: 'Police',
          agencyType: 'police',
          jobTitle: 'Inspector',
          gender: 'female',
          locale: 'en',
        })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', fields: { fullName: { code: 'invalid_characters' } } });
    });

    it('in the email of a sign-in is a 400 before Passport looks the account up', async () => {
      const response = await request(t.http)
        .post('/api/auth/login')
        .send({ email: `a${NUL}@example.org`, password: TEST_PASSWORD })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', fields: { email: { code: 'invalid_characters' } } });
    });

    it('in a path parameter is a 400 naming it', async () => {
      const response = await request(t.http).get('/api/courses/a%00b').expect(400);
      expect(response.body).toMatchObject({ fields: { idOrSlug: { code: 'invalid_characters' } } });
    });

    it('deep in a body is named by its path, and nothing is saved', async () => {
      const response = await trainer
        .patch(`/api/courses/${courseId}`)
        .send({ title: 'Renamed', audience: { memberStates: ['KEN'], agencyTypes: [`police${NUL}`] } })
        .expect(400);
      expect(response.body.fields).toEqual({ 'audience.agencyTypes.0': expect.objectContaining({ code: 'invalid_characters' }) });
      const course = await trainer.get(`/api/courses/${courseId}`).expect(200);
      expect(course.body.title).not.toBe('Renamed');
    });

    it('in a key of the body is refused too', async () => {
      const response = await trainer
        .patch(`/api/courses/${courseId}`)
        .send({ [`title${NUL}`]: 'x' })
        .expect(400);
      expect(response.body.code).toBe('validation_failed');
    });
  });

  it.each([
    ['/api/courses', 'public'],
    ['/api/users', 'admin'],
    ['/api/audit-events', 'admin'],
    ['/api/activities', 'admin'],
  ])('an offset of 1e20 on %s is a 400 naming offset', async (path, who) => {
    const client = who === 'admin' ? admin : request(t.http);
    const response = await client.get(`${path}?offset=1e20`).expect(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', fields: { offset: { code: 'too_large' } } });
  });

  it('a limit of 1e20 is a 400 naming limit', async () => {
    const response = await request(t.http).get('/api/courses?limit=1e20').expect(400);
    expect(response.body.fields).toHaveProperty('limit');
  });

  it('a JSON body nested 5,000 deep is a 400, and a shallow one still reaches validation', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await trainer
      .patch(`/api/courses/${courseId}`)
      .set('Content-Type', 'application/json')
      .send(`{"title":"x","audience":${deep}}`)
      .expect(400);
    expect(response.body.code).toBe('malformed_body');
    const shallow = await trainer
      .patch(`/api/courses/${courseId}`)
      .send({ audience: [[[]]] })
      .expect(400);
    expect(shallow.body.code).toBe('validation_failed');
  });

  it.each(['audience', 'certificate', 'title', 'summary', 'topics', 'enrolmentPolicy', 'estimatedMinutes'])(
    'PATCH a course with %s: null is a 400 naming it',
    async (field) => {
      const response = await trainer
        .patch(`/api/courses/${courseId}`)
        .send({ [field]: null })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', fields: { [field]: expect.anything() } });
    },
  );

  it('keeps null where a field means "none": a certificate that never expires', async () => {
    const response = await trainer
      .patch(`/api/courses/${courseId}`)
      .send({ certificate: { enabled: true, validityMonths: null } })
      .expect(200);
    expect(response.body.certificate).toEqual({ enabled: true, validityMonths: null });
  });
});
