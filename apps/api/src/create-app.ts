import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import expressStaticGzip from 'express-static-gzip';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import passport from 'passport';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module.js';
import { SESSION_COOKIE, SessionStore } from './auth/session-store.js';
import { CertificatesService } from './certificates/certificates.service.js';
import { verificationRoute } from './certificates/verification.route.js';
import { originCheck } from './common/origin-check.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';

export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CTLP API')
    .setDescription(
      'Counter-Terrorism Learning Platform: courses, enrolments, certificates and reports for criminal justice officials of the UN Member States.',
    )
    .setVersion('1')
    .addCookieAuth('ctlp.sid', { type: 'apiKey', in: 'cookie', name: 'ctlp.sid' }, 'session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Serves the built web app: hashed assets cached for a year, every other path gets index.html. */
function serveWebApp(app: NestExpressApplication, webDist: string): void {
  const index = path.join(webDist, 'index.html');
  if (!existsSync(index)) return;
  // The build wrote .br and .gz beside each file: sent as the browser prefers, never compressed per request.
  const compressed = (options: Record<string, unknown>) =>
    expressStaticGzip(webDist, { enableBrotli: true, orderPreference: ['br', 'gz'], index: false, serveStatic: options });
  app.use(
    '/assets',
    expressStaticGzip(path.join(webDist, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: { immutable: true, maxAge: '365d', index: false, fallthrough: false },
    }),
  );
  // Not for /api: looking for a file (and its .br and .gz) on every API request costs three stat calls.
  const files = compressed({ index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.path.startsWith('/api/') ? next() : files(request, response, next),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

/**
 * Builds the API exactly as production runs it. main.ts, the tests and the CLIs call this, so the
 * tests exercise the same middleware, pipes and guards that users meet.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: { preview?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn'],
    preview: options.preview,
    bodyParser: false,
  });
  if (options.preview) {
    // Preview builds the module graph without providers: enough for the OpenAPI document.
    app.setGlobalPrefix('api');
    await app.init();
    return app;
  }
  await configureApp(app, config);
  return app;
}

/** Middleware, pipes, docs and the web app around an API module; then initialises it. */
export async function configureApp(app: NestExpressApplication, config: AppConfig): Promise<void> {
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');

  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'media-src': ["'self'", 'https:'],
        'frame-src': ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'script-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': config.env === 'production' ? [] : null,
      },
    },
  });
  app.use(verificationRoute(app.get(CertificatesService), securityHeaders));

  const logger = pino({ level: config.logLevel });
  app.use(
    pinoHttp({
      logger,
      // One short line per request: who asked for what and how it went, never headers or cookies.
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      genReqId: (request, response) => {
        const incoming = request.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
    }),
  );
  app.use(securityHeaders);
  app.use(express.json({ limit: '1mb' }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' }));
  // A read without a session cookie has no session to load and cannot start one (sign-in is a
  // POST): skipping express-session and Passport there spares every anonymous read (the catalog,
  // a course page) a session id and two middlewares.
  const sessionMiddlewares = [app.get(SessionStore).middleware(), passport.initialize(), passport.session()];
  for (const middleware of sessionMiddlewares) {
    app.use((request: Request, response: Response, next: NextFunction) =>
      (request.method === 'GET' || request.method === 'HEAD') && !request.headers.cookie?.includes(`${SESSION_COOKIE}=`)
        ? next()
        : middleware(request, response, next),
    );
  }
  app.use('/api', originCheck(config));
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveWebApp(app, config.webDist);
  await app.init();
}
