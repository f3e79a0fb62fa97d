import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The public reads a browser asks again and again (the catalog, a course, a verification, the
 * Member States): answered with a weak ETag computed from the body, and with 304 and no body when
 * the browser already holds that body (`If-None-Match`). On a 2G link the 304 saves the transfer;
 * the server still reads the data (a cheap version would need every writer to bump it).
 */
export const REVALIDATED_ROUTES: ReadonlySet<string> = new Set([
  '/api/courses',
  '/api/courses/:idOrSlug',
  '/api/verify/:code',
  '/api/member-states',
]);

/** A weak validator of a body: same bytes, same tag (one-shot hash: no Hash object per answer). */
export function weakEtag(body: string | Buffer): string {
  return `W/"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Whether the answer may depend on who asks: a session cookie or an API token came with it. */
export function isPersonal(request: FastifyRequest, sessionCookie: string): boolean {
  return Boolean(request.headers.authorization) || (request.headers.cookie?.includes(`${sessionCookie}=`) ?? false);
}

/**
 * The onSend hook: on a 200 GET of a revalidated route, the ETag, `Cache-Control: no-cache`
 * (`private` when the answer may depend on the session; a route's own Cache-Control is kept),
 * `Vary`, and 304 when the browser's copy is current.
 */
export function revalidation(sessionCookie: string) {
  return (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      reply.statusCode !== 200 ||
      !REVALIDATED_ROUTES.has(request.routeOptions.url ?? '') ||
      !(typeof payload === 'string' || Buffer.isBuffer(payload))
    ) {
      return done(null, payload);
    }
    const etag = weakEtag(payload);
    void reply.header('ETag', etag).header('Vary', 'Cookie, Authorization, Accept-Language');
    if (isPersonal(request, sessionCookie)) void reply.header('Cache-Control', 'private, no-cache');
    else if (!reply.hasHeader('Cache-Control')) void reply.header('Cache-Control', 'no-cache');
    if (!matchesEtag(request.headers['if-none-match'], etag)) return done(null, payload);
    void reply.code(304);
    done(null, '');
  };
}
