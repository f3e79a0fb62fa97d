import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CertificatesService } from './certificates.service.js';

const PREFIX = '/api/verify/';

/**
 * GET /api/verify/:code for a code that exists, answered as the first middleware, ahead of the
 * request logger, the session middlewares and the Nest pipeline: the QR code on every certificate
 * points here, so it is the API's busiest public read, and that stack cost several times the
 * query (bench/README.md). It sends the same security headers (`securityHeaders` is the app's
 * helmet, read once). Hits are logged by the web tier in front (deploy/nginx.conf), not here.
 * Anything else — a malformed or unknown code, which counts against the caller's address and can
 * end in 429, or a database error — goes on to CertificatesController.verify, which also
 * documents the route in the OpenAPI description.
 */
export function verificationRoute(certificates: CertificatesService, securityHeaders: RequestHandler) {
  const headers = { ...headersSetBy(securityHeaders), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' };
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url.startsWith(PREFIX)) return next();
    certificates.findVerification(request.url.slice(PREFIX.length)).then(
      (found) => {
        if (!found) return next();
        const body = JSON.stringify(found);
        response.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(body) });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => next(),
    );
  };
}

/** The headers a middleware that only sets headers (helmet) puts on every response. */
function headersSetBy(middleware: RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value), removeHeader: () => undefined };
  middleware({} as Request, response as unknown as Response, () => undefined);
  return headers;
}
