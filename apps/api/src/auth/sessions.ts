import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { SessionUser } from '../access/access.decorator.js';
import type { Passport } from './passport.js';
import { SESSION_COOKIE, SESSION_HOURS, type PassportSessionValue, type SessionStore } from './session-store.js';

type Done = (error?: Error | null, value?: unknown) => void;
type Hook = (...args: never[]) => unknown;

/**
 * A read without the session cookie has no session to load and cannot start one (sign-in is a
 * POST): such requests — the catalog, a course page, the QR code's verification — skip the
 * session entirely, with no id drawn, signed and hashed for a session that is then thrown away.
 */
function mayHaveSession(request: FastifyRequest): boolean {
  // Health answers whoever asks, even when the sessions cannot be read.
  if (request.url.startsWith('/api/health')) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  return request.headers.cookie?.includes(`${SESSION_COOKIE}=`) ?? false;
}

/** `fastify` for a plugin whose request hooks should run only when `when(request)`. */
function withHooksOnlyWhen(fastify: FastifyInstance, when: (request: FastifyRequest) => boolean): FastifyInstance {
  const guard = (name: string, hook: Hook): Hook => {
    const run = hook as unknown as (...args: unknown[]) => unknown;
    if (name === 'onRequest' || name === 'preHandler' || name === 'preValidation') {
      return ((request: FastifyRequest, reply: FastifyReply, done: Done) => (when(request) ? run(request, reply, done) : done())) as Hook;
    }
    if (name === 'onSend') {
      return ((request: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) =>
        when(request) ? run(request, reply, payload, done) : done(null, payload)) as Hook;
    }
    throw new Error(`withHooksOnlyWhen: no guard for ${name} hooks`);
  };
  return new Proxy(fastify, {
    get(target, key) {
      if (key === 'addHook') return (name: string, hook: Hook) => target.addHook(name as 'onRequest', guard(name, hook) as never);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Server-side sessions in PostgreSQL (@fastify/session on SessionStore) and Passport
 * (@fastify/passport) keeping the signed-in user in them. The cookie is HttpOnly, SameSite=Lax,
 * Secure in production, and lasts SESSION_HOURS from sign-in; nothing is written per request.
 */
export async function registerSessions(
  fastify: FastifyInstance,
  store: SessionStore,
  passport: Passport,
  config: AppConfig,
): Promise<void> {
  await fastify.register(fastifyCookie);
  await new Promise<void>((resolve, reject) =>
    fastifySession(
      withHooksOnlyWhen(fastify, mayHaveSession),
      {
        cookieName: SESSION_COOKIE,
        secret: config.sessionSecret,
        store,
        saveUninitialized: false,
        rolling: false,
        cookie: {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.env === 'production',
          maxAge: SESSION_HOURS * 3600_000,
          path: '/',
        },
      },
      (error?: Error) => (error ? reject(error) : resolve()),
    ),
  );
  await fastify.register(passport.initialize());
  // The signed-in user, re-read on every request (SessionSerializer), so a suspension or a role
  // change takes effect at once; a session whose user is gone or suspended is ended.
  fastify.addHook('onRequest', async (request) => {
    const stored = (request.session as { get?: (key: string) => unknown } | null)?.get?.('passport') as PassportSessionValue | undefined;
    if (!stored) return;
    const user = (await passport.deserializeUser(stored, request)) as SessionUser | false;
    if (user) request.user = user;
    else await request.session.destroy();
  });
}
