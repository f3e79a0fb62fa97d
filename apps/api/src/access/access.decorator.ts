import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AgencyType, Gender, Locale, Role, UserStatus } from '@ctlp/contracts';
import type { FastifyRequest } from 'fastify';
import { ErrorDto } from '../common/error.dto.js';

export const ACCESS_KEY = 'ctlp:access';

/**
 * Who may call a route: `'public'` (anyone), `'signed-in'` (any signed-in user, whatever the
 * account's status — for the session endpoints), or roles, which also require an active account.
 * A route without it is refused: deny by default.
 */
export type AccessRule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

export function Access(who: 'public' | 'signed-in'): MethodDecorator & ClassDecorator;
export function Access(...roles: Role[]): MethodDecorator & ClassDecorator;
export function Access(...who: string[]): MethodDecorator & ClassDecorator {
  let rule: AccessRule;
  if (who.length === 1 && (who[0] === 'public' || who[0] === 'signed-in')) {
    rule = { kind: who[0] };
  } else if (who.length > 0 && !who.includes('public') && !who.includes('signed-in')) {
    rule = { kind: 'roles', roles: who as Role[] };
  } else {
    throw new Error(`@Access(${who.join(', ')}): name 'public', 'signed-in', or one or more roles`);
  }
  if (rule.kind === 'public') return SetMetadata(ACCESS_KEY, rule);
  return applyDecorators(
    SetMetadata(ACCESS_KEY, rule),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ type: ErrorDto, description: 'Not signed in' }),
    ...(rule.kind === 'roles'
      ? [ApiForbiddenResponse({ type: ErrorDto, description: `Needs an active account with a role among: ${rule.roles.join(', ')}` })]
      : []),
  );
}

/**
 * The signed-in user as every request sees it: the account without its password hash (the users
 * table's columns; auth/session-user.ts checks that the two agree).
 */
export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  memberState: string;
  institution: string;
  agencyType: AgencyType;
  jobTitle: string;
  gender: Gender;
  locale: Locale;
  roles: Role[];
  status: UserStatus;
  vettedBy: string | null;
  vettedAt: Date | null;
  rejectionReason: string | null;
  emailConfirmedAt: Date | null;
  erasedAt: Date | null;
  /** When TOTP was confirmed; null: no MFA (auth/mfa). */
  mfaEnabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

declare module 'fastify' {
  // The user Passport puts on a signed-in request.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PassportUser extends SessionUser {}
}

/** The signed-in user; only on routes whose access rule requires one. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): SessionUser => {
  const user = context.switchToHttp().getRequest<FastifyRequest>().user as SessionUser | undefined;
  if (!user) throw new Error('CurrentUser used on a route that does not require a signed-in user');
  return user;
});

/** The signed-in user if there is one, on public routes that adapt to the caller. */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): SessionUser | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().user as SessionUser | undefined,
);
