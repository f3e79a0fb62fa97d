import type { Locale, UserStatus } from '@ctlp/contracts';
import { send } from './client';

// Routes of DESIGN.md's "Accounts" that the API's OpenAPI document
// does not describe yet, typed here after the contract so the pages can be built meanwhile. Each
// type goes, and its calls move to the typed client (`api.GET(...)`), as soon as
// `npm run api:types` brings the route into libs/contracts/src/api-types.ts.

/** A JSON request through the shared client's credentials and errors; a 202 or 204 answers `{}`. */
export function sendJson<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  return send<T>(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

/** `PATCH /api/auth/me`: what an official may change of their own profile. */
export interface ProfileChanges {
  fullName?: string;
  institution?: string;
  jobTitle?: string;
  locale?: Locale;
}

/** `POST /api/auth/password` → 204; the other sessions of the account end. */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** One signed-in device: an item of `GET /api/auth/sessions`. */
export interface DeviceSession {
  id: string;
  /** The session of the browser asking. */
  current: boolean;
  createdAt: string;
  userAgent: string | null;
  address: string | null;
}

export interface DeviceSessionList {
  items: DeviceSession[];
  total: number;
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
