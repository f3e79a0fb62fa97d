import type { ErrorBody } from '@ctlp/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { ERROR_CATALOG } from './error-catalog.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside SameSite=Lax: a state-changing request that a browser marks as coming from
 * another site is refused. Clients that send no Origin (scripts, curl) are not browsers and carry
 * no ambient cookie by accident. A Fastify onRequest hook, so a refused request reads nothing.
 */
export function originCheck(config: AppConfig) {
  const allowed = new URL(config.publicUrl).origin;
  const refusal: ErrorBody = {
    statusCode: 403,
    error: 'Forbidden',
    code: 'cross_origin_request',
    message: ERROR_CATALOG.cross_origin_request.message as string,
  };
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return done();
    const origin = request.headers.origin;
    const sameHost = origin !== undefined && origin !== 'null' && safeHost(origin) === request.headers.host;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if ((origin !== undefined && origin !== allowed && !sameHost) || (crossSite && origin !== allowed)) {
      void reply.status(403).send(refusal);
      return;
    }
    done();
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
