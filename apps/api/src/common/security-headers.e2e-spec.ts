import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { renderMarkdown } from './markdown.js';
import { securityHeaderValues } from './security-headers.js';

function directive(csp: string, name: string): string[] {
  const found = csp.split(';').find((part) => part.trim().split(/\s+/)[0] === name);
  return found ? found.trim().split(/\s+/).slice(1) : [];
}

describe('security headers and API docs', () => {
  let t: TestApp;
  let production: TestApp;
  let productionWithDocs: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    production = await createTestApp({ env: 'production', apiDocs: false });
    productionWithDocs = await createTestApp({ env: 'production', apiDocs: true });
  });

  afterAll(async () => {
    await Promise.all([t?.close(), production?.close(), productionWithDocs?.close()]);
  });

  it('lets the browser show every video player the sanitizer keeps, and no other frame', async () => {
    const csp = (await request(t.http).get('/api/health')).headers['content-security-policy'] as string;
    const frameSrc = directive(csp, 'frame-src');
    const players = [
      'https://www.youtube-nocookie.com/embed/abc',
      'https://www.youtube.com/embed/abc',
      'https://player.vimeo.com/video/1',
      'https://youtube.com/embed/abc',
      'https://evil.example.org/embed/abc',
    ];
    const kept = players.filter((src) => renderMarkdown(`<iframe src="${src}"></iframe>`).includes('<iframe'));
    expect(kept.length).toBeGreaterThan(0);
    expect(new Set(frameSrc)).toEqual(new Set(kept.map((src) => new URL(src).origin)));
    expect(directive(csp, 'child-src')).toEqual([]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
  });

  it('forbids framing the pages outright and sends only the origin to other sites', async () => {
    const response = await request(t.http).get('/api/health');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends exactly the headers that nginx repeats for the web pages (deploy/security-headers.conf)', async () => {
    for (const [app, isProduction] of [
      [t, false],
      [production, true],
    ] as const) {
      const response = await request(app.http).get('/api/health');
      for (const [name, value] of Object.entries(securityHeaderValues(isProduction))) {
        expect({ name, value: response.headers[name] }).toEqual({ name, value });
      }
    }
  });

  it('upgrades insecure requests in production only', async () => {
    const dev = (await request(t.http).get('/api/health')).headers['content-security-policy'] as string;
    const prod = (await request(production.http).get('/api/health')).headers['content-security-policy'] as string;
    expect(directive(dev, 'upgrade-insecure-requests')).toEqual([]);
    expect(dev).not.toMatch(/upgrade-insecure-requests/);
    expect(prod).toMatch(/(^|;)upgrade-insecure-requests(;|$)/);
  });

  it('serves the API docs outside production, and in production only when asked to', async () => {
    await request(t.http).get('/api/docs/openapi.json').expect(200);
    await request(production.http).get('/api/docs/openapi.json').expect(404);
    await request(production.http).get('/api/docs').expect(404);
    const docs = await request(productionWithDocs.http).get('/api/docs/openapi.json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
  });
});
