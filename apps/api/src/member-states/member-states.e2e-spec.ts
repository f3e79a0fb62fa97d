import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

describe('Member States and health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists the 195 States with names in the requested language, sorted in that language', async () => {
    const response = await request(t.http).get('/api/member-states?locale=fr').expect(200);
    expect(response.body.total).toBe(195);
    const france = response.body.items.find((s: { code: string }) => s.code === 'FRA');
    expect(france).toEqual({ code: 'FRA', m49: '250', region: 'Europe', subregion: expect.any(String), name: 'France', observer: false });
    const names = response.body.items.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    const arabic = await request(t.http).get('/api/member-states?locale=ar').expect(200);
    expect(arabic.body.items.find((s: { code: string }) => s.code === 'EGY').name).toMatch(/مصر/);
  });

  it('answers 400 naming locale for a language that is not a UN language', async () => {
    const response = await request(t.http).get('/api/member-states?locale=de').expect(400);
    expect(Object.keys(response.body.fields)).toEqual(['locale']);
  });

  it('reports health with the database state', async () => {
    const response = await request(t.http).get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up' });
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(t.http).get('/api/docs/openapi.json').expect(200);
    expect(response.body.paths).toHaveProperty('/api/auth/register');
    expect(response.body.components.schemas).toHaveProperty('UserDto');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const response = await request(t.http).get('/api/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404 });
  });
});
