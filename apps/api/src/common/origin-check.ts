import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '@ctlp/contracts';
import type { AppConfig } from '../config/app-config.js';
import { ERROR_CATALOG } from './error-catalog.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside SameSite=Lax: a state-changing request that a browser marks as coming from
 * another site is refused. Clients that send no Origin (scripts, curl) are not browsers and carry
 * no ambient cookie by accident.
 */
export function originCheck(config: AppConfig) {
  const allowed = new URL(config.publicUrl).origin;
  return (request: Request, response: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(request.method)) return next();
    const origin = request.headers.origin;
    const sameHost = origin !== undefined && origin !== 'null' && safeHost(origin) === request.headers.host;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if ((origin !== undefined && origin !== allowed && !sameHost) || (crossSite && origin !== allowed)) {
      const body: ErrorBody = {
        statusCode: 403,
        error: 'Forbidden',
        code: 'cross_origin_request',
        message: ERROR_CATALOG.cross_origin_request.message as string,
      };
      response.status(403).json(body);
      return;
    }
    next();
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
