import { Inject, Injectable, Logger, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ctlp/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ACCESS_KEY, type AccessRule, type SessionUser } from './access.decorator.js';

const BEFORE_MFA_KEY = 'ctlp:before-mfa';

/**
 * Marks a route a user who must set up MFA may still call: who am I, sign out, the MFA setup
 * routes, their sessions. Every other route answers them 403 `mfa_required` (see mfaSetupPending).
 */
export const AllowedBeforeMfa = (): MethodDecorator & ClassDecorator => SetMetadata(BEFORE_MFA_KEY, true);

/**
 * Whether `user` signed in with a session, holds a role that requires MFA (MFA_REQUIRED_ROLES)
 * and has not set it up yet. Only session sign-ins are held to it: a request authenticated
 * another way (a personal API token) carries no session user and has its own rules.
 */
export function mfaSetupPending(request: FastifyRequest, user: SessionUser, requiredRoles: readonly Role[]): boolean {
  if (user.mfaEnabledAt || !user.roles.some((role) => requiredRoles.includes(role))) return false;
  const stored = (request.session as { get?: (key: string) => unknown } | null | undefined)?.get?.('passport') as
    { user?: string } | undefined;
  return stored?.user === user.id;
}

/** Global guard: enforces each route's @Access rule and refuses routes that have none. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} has no @Access rule; refused`);
      throw new AppError('route_not_open');
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = request.user as SessionUser | undefined;
    if (user && !this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_MFA_KEY, targets)) {
      if (mfaSetupPending(request, user, this.config.mfaRequiredRoles)) {
        // A public route answers them as it answers a visitor (no drafts, no staff views).
        if (rule.kind !== 'public') throw new AppError('mfa_required');
        request.user = undefined;
      }
    }
    if (rule.kind === 'public') return true;
    if (!user) throw new AppError('sign_in_required');
    if (rule.kind === 'signed-in') return true;
    if (user.status !== 'active') {
      throw new AppError(user.status === 'pending' ? 'account_pending' : 'account_not_active');
    }
    if (!rule.roles.some((role) => user.roles.includes(role))) {
      throw new AppError('role_required', { params: { roles: rule.roles } });
    }
    return true;
  }
}
