import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { Locale } from '@ctlp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPersonal, matchesEtag, weakEtag } from '../common/http-cache.js';
import { pageLocale } from './page-locale.js';
import { PageTemplate } from './page-template.js';

/** What the web app's server build (apps/web/src/entry-server.tsx) exports. */
interface Renderer {
  render(input: {
    url: string;
    locale: Locale;
    send: (request: Request) => Promise<Response>;
  }): Promise<{ status: number; html: string } | undefined>;
}

/**
 * The web app's server renderer beside its build (dist-ssr/ next to dist/), when it was built.
 * In production it is imported at start; elsewhere on the first page asked for: under Jest's module
 * loader the 3 MB bundle added 30 s to every API test file, and those never ask for a page.
 */
function rendererOf(webDist: string, atStart: boolean): (() => Promise<Renderer>) | undefined {
  const file = path.join(webDist, '../dist-ssr/entry-server.js');
  if (!existsSync(file) || !existsSync(path.join(webDist, '.vite/manifest.json'))) return undefined;
  let loading: Promise<Renderer> | undefined;
  const load = () => (loading ??= import(pathToFileURL(file).href) as Promise<Renderer>);
  if (atStart) void load();
  return load;
}

/**
 * The page's API reads, answered by this very server in-process (`fastify.inject`: the same
 * routes, guards and hooks, no network), as the visitor: their address (rate limits count them,
 * not the server) and languages, never a cookie.
 */
function inProcess(fastify: FastifyInstance, visitor: FastifyRequest) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const answer = await fastify.inject({
      method: 'GET',
      url: url.pathname + url.search,
      remoteAddress: visitor.ip,
      headers: {
        accept: 'application/json',
        'x-request-id': visitor.id,
        ...(visitor.headers['accept-language'] ? { 'accept-language': visitor.headers['accept-language'] } : {}),
      },
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(answer.statusCode === 304 ? null : answer.rawPayload, { status: answer.statusCode, headers });
  };
}

/** HTML compressed for the browser (built once per page; brotli at a quality that costs a millisecond). */
function compressed(request: FastifyRequest, reply: FastifyReply, html: string): Buffer | string {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  void reply.header('Vary', 'Cookie, Accept-Language, Accept-Encoding');
  if (/\bbr\b/.test(accepts)) {
    void reply.header('Content-Encoding', 'br');
    return brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  }
  if (/\bgzip\b/.test(accepts)) {
    void reply.header('Content-Encoding', 'gzip');
    return gzipSync(html, { level: 6 });
  }
  return html;
}

/**
 * The built web app: hashed assets cached for a year, sent precompressed (.br, .gz) as the browser
 * prefers; any other GET outside /api gets a page. The public pages (home, catalog, a course, a
 * verification, not found) come rendered on the server for a visitor without a session, in their
 * language, as plain HTML with one small script (page-template.ts): on a slow link they show and
 * work without the app's code. Everyone else (and every other page) gets the shell, index.html,
 * where the app and its client-side router take over.
 */
export async function serveWebApp(
  fastify: FastifyInstance,
  webDist: string,
  sessionCookie: string,
  { production }: { production: boolean },
): Promise<void> {
  const indexFile = path.join(webDist, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readFileSync(indexFile);
  const renderer = rendererOf(webDist, production);
  const template = renderer ? new PageTemplate(webDist, index.toString('utf8')) : undefined;
  await fastify.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, file) => {
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      // The service worker and what it imports (sent as .br/.gz too) are checked on every visit, so an update reaches the app at once.
      const worker = /[\\/](sw|offline-sw|workbox-[\w-]+)\.js(\.br|\.gz)?$|\.webmanifest$/.test(file);
      void reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : worker ? 'no-cache' : 'public, max-age=3600');
    },
  });
  fastify.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') return reply.callNotFound();
    if (renderer && template && !isPersonal(request, sessionCookie)) {
      const locale = pageLocale(request.headers.cookie, request.headers['accept-language']);
      const page = await (await renderer()).render({ url: request.url, locale, send: inProcess(fastify, request) });
      if (page) {
        const html = template.page(locale, page.html);
        const etag = weakEtag(html);
        void reply.header('Cache-Control', 'no-cache').header('ETag', etag);
        if (page.status === 200 && matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
        return reply
          .code(page.status)
          .type('text/html; charset=utf-8')
          .send(compressed(request, reply, html));
      }
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
}
