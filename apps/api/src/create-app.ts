import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ErrorBody } from '@ctlp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { apiTokenAuthentication } from './auth/api-token-auth.js';
import { ApiTokensService } from './auth/api-tokens.service.js';
import { PASSPORT, type Passport } from './auth/passport.js';
import { SESSION_COOKIE, SessionStore } from './auth/session-store.js';
import { registerSessions } from './auth/sessions.js';
import { DATABASE_RETRY_AFTER_SECONDS } from './common/database-errors.js';
import { inputGuard } from './common/input-guard.js';
import { createLogger, NestLogger, RequestLogController } from './common/logger.js';
import { originCheck } from './common/origin-check.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';
import { drainOnClose } from './common/in-flight.js';
import type { AppConfig } from './config/app-config.js';
import { allowDemoPassphrase } from './auth/passwords.js';
import { DataFolderWatch } from './database/data-folder.js';
import { revalidation } from './common/http-cache.js';
import { serveWebApp } from './web-app/serve-web-app.js';

const JSON_BODY_LIMIT = 1024 * 1024;
const TEXT_BODY_LIMIT = 5 * 1024 * 1024;

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CTLP API')
    .setDescription(
      'Counter-Terrorism Learning Platform: courses, enrolments, certificates and reports for criminal justice officials of the UN Member States.',
    )
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A personal API token (ctlp_pat_…), on the report routes only' },
      'api-token',
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/**
 * TRUST_PROXY as Fastify takes it. Hops: the nearest N addresses are our proxies (Fastify refuses a
 * bare hop count); addresses: every hop from one of them is skipped (proxy-addr), so the client is
 * the first address that is not a proxy of ours, however many of ours there are.
 */
function trustedProxies(trust: AppConfig['trustProxy']): ((address: string, hop: number) => boolean) | string[] | false {
  if (Array.isArray(trust)) return trust;
  return trust > 0 ? (_address: string, hop: number) => hop < trust : false;
}

/**
 * Fastify, as the API runs everywhere: JSON request logs through pino with the request id (an
 * incoming X-Request-Id is kept when it is a plain token), the proxies it may trust, body limits.
 */
export function createHttpAdapter(config: AppConfig, logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: JSON_BODY_LIMIT,
  });
}

/**
 * Builds the API exactly as production runs it. main.ts, the tests and the CLIs call this, so the
 * tests exercise the same hooks, pipes and guards that users meet.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: { preview?: boolean; embeddedDir?: string } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel);
  // Where the demo accounts exist their passphrase is public anyway; elsewhere nobody may choose it.
  allowDemoPassphrase(config.seedDemo);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, databaseUrl, { embeddedDir: options.embeddedDir }),
    createHttpAdapter(config, logger),
    {
      logger: config.logLevel === 'silent' ? false : new NestLogger(logger),
      preview: options.preview,
      abortOnError: false,
    },
  );
  if (options.preview) {
    // Preview builds the module graph without providers: enough for the OpenAPI document.
    app.setGlobalPrefix('api');
    await app.init();
    return app;
  }
  await configureApp(app, config);
  return app;
}

/** Once the embedded database's folder is gone, no request is taken (health says why). */
function refuseWithoutDataFolder(dataFolder: DataFolderWatch) {
  const refusal: ErrorBody = {
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'database_unavailable',
    message: 'The database is unavailable',
  };
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (!dataFolder.lost || !request.url.startsWith('/api/') || request.url.startsWith('/api/health')) return done();
    void reply.status(503).header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).send(refusal);
  };
}

/** Hooks, plugins, pipes, docs and the web app around an API module; then initialises it. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  app.setGlobalPrefix('api');

  // The security headers (helmet's, computed once) and the request id, on every answer.
  const headers = securityHeaders(config.env === 'production');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header('X-Request-Id', request.id);
    done();
  });
  // Closing (SIGTERM): the requests in flight finish, those whose client left included, before
  // the pool closes; their connections close after them instead of idling until keep-alive expires.
  drainOnClose(fastify, config.database.shutdownMs);
  // ETag and 304 on the public reads browsers ask again (catalog, course, verification, States).
  fastify.addHook('onSend', revalidation(SESSION_COOKIE));
  fastify.addHook('onRequest', refuseWithoutDataFolder(app.get(DataFolderWatch)));
  fastify.addHook('onRequest', originCheck(config));
  // Bulk enrolment takes a CSV file as the body.
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: TEXT_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  // Before the sessions: a Bearer request's cookies are dropped before a session could be read.
  fastify.addHook('onRequest', apiTokenAuthentication(app.get(ApiTokensService)));
  await registerSessions(fastify, app.get(SessionStore), app.get<Passport>(PASSPORT), config);
  // Every route, before its guards (login's Passport strategy), pipes and handler read the input.
  fastify.addHook('preValidation', inputGuard());
  app.useGlobalPipes(createValidationPipe());

  // Public docs map every route for an attacker: off in production unless API_DOCS=true.
  // (`npm run api:types` builds the document itself, without serving it.)
  if (config.apiDocs) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  }
  await serveWebApp(fastify, config.webDist, SESSION_COOKIE, { production: config.env === 'production' });
  await app.init();
  await fastify.ready();
}
