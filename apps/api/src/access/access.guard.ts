import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error.js';
import { ACCESS_KEY, type AccessRule, type SessionUser } from './access.decorator.js';

/** Global guard: enforces each route's @Access rule and refuses routes that have none. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} has no @Access rule; refused`);
      throw new AppError('route_not_open');
    }
    if (rule.kind === 'public') return true;
    const user = context.switchToHttp().getRequest<FastifyRequest>().user as SessionUser | undefined;
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
