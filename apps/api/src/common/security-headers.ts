import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * The security headers of every page and answer, in one place: the API sends them (helmet's,
 * securityHeaders below), and `deploy/nginx.conf` (through `deploy/security-headers.conf`) sends the same
 * values on the web pages it serves itself — `test/deploy/nginx.spec.ts` holds the two together.
 */

/**
 * Hosts whose video players authored content may embed. The Markdown sanitizer keeps an iframe
 * only from these, and the CSP's frame-src admits exactly these, so what the sanitizer lets
 * through the browser also shows.
 */
export const EMBED_HOSTS = ['www.youtube-nocookie.com', 'www.youtube.com', 'player.vimeo.com'] as const;

export const EMBED_ORIGINS: readonly string[] = EMBED_HOSTS.map((host) => `https://${host}`);

/** The CSP directives, for the web app and the API alike. */
export function contentSecurityPolicyDirectives(production: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'https:'],
    'font-src': ["'self'", 'data:'],
    'frame-src': [...EMBED_ORIGINS],
    'style-src': ["'self'", "'unsafe-inline'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    ...(production ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The header value, written as helmet writes it. */
export function contentSecurityPolicy(production: boolean): string {
  return Object.entries(contentSecurityPolicyDirectives(production))
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
}

/**
 * Every security header and its value (production). The referrer policy sends only the origin to
 * other sites: YouTube's player refuses to play without a referrer, and no path (a verification
 * code, a course) leaves the platform.
 */
export function securityHeaderValues(production: boolean): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(production),
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-permitted-cross-domain-policies': 'none',
  };
}

/** helmet's options that produce securityHeaderValues (and its other, harmless defaults). */
export function helmetOptions(production: boolean) {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives(production) },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xFrameOptions: { action: 'deny' as const },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    crossOriginOpenerPolicy: { policy: 'same-origin' as const },
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
  };
}

/**
 * Every header helmet sends with helmetOptions, worked out once at start-up: helmet builds its
 * middleware (and parses the CSP) on each call, and @fastify/helmet called it on every request.
 * createApp sets these on every answer with one call.
 */
export function securityHeaders(production: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(helmetOptions(production))({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
