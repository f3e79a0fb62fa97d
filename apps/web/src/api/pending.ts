import type { UserStatus } from '@ctlp/contracts';
import { send } from './client';

// Routes of DESIGN.md's "Accounts" that the API's OpenAPI document does not describe yet (the
// password reset and the email confirmation), typed here after the contract so the pages can be
// built meanwhile. Each type goes, and its calls move to the typed client (`api.POST(...)`), as
// soon as `npm run api:types` brings the route into libs/contracts/src/api-types.ts.

/** A JSON request through the shared client's credentials and errors; a 202 or 204 answers `{}`. */
export function sendJson<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  return send<T>(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

/** `POST /api/auth/password-reset` → 202 whatever the address. */
export interface PasswordResetRequest {
  email: string;
}

/** `POST /api/auth/password-reset/confirm` → 204. */
export interface PasswordResetConfirmation {
  token: string;
  password: string;
}

/**
 * `GET /api/auth/confirm-email?token=`: the contract names no body. When the API says whose
 * account it was (`status`, or `{ user }`), the page tells a pending applicant what comes next.
 */
export interface EmailConfirmed {
  status?: UserStatus;
  user?: { status: UserStatus };
}
