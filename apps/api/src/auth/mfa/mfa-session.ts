import type { FastifyRequest } from 'fastify';
import { SESSION_HOURS } from '../session-store.js';

/** How long the second step of a sign-in may wait after the password was right. */
export const MFA_PENDING_MINUTES = 10;

interface MfaPending {
  /** The user whose password was right. */
  user: string;
  /** Epoch milliseconds after which the half session is worthless. */
  until: number;
}

declare module 'fastify' {
  interface Session {
    mfaPending?: MfaPending;
  }
}

/**
 * A half session: the password was right, the account has TOTP. It names the user but holds no
 * Passport value, so no route sees a signed-in user; it lives MFA_PENDING_MINUTES (the cookie and
 * the stored row both), and only POST /api/auth/mfa/verify reads it.
 */
export async function startHalfSession(request: FastifyRequest, userId: string): Promise<void> {
  // A new id, so an id planted before the password was typed is never the one that gets promoted.
  await request.session.regenerate();
  request.session.set('mfaPending', { user: userId, until: Date.now() + MFA_PENDING_MINUTES * 60_000 });
  request.session.cookie.maxAge = MFA_PENDING_MINUTES * 60_000;
}

/** The user of this request's half session, if it has one that has not run out. */
export function halfSessionUser(request: FastifyRequest): string | undefined {
  const pending = (request.session as FastifyRequest['session'] | undefined)?.get?.('mfaPending');
  return pending && pending.until > Date.now() ? pending.user : undefined;
}

/** After the second step: the (regenerated) session lasts as long as any full sign-in. */
export function restoreFullSessionLength(request: FastifyRequest): void {
  request.session.cookie.maxAge = SESSION_HOURS * 3600_000;
}
