import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
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
      throw new AppError('access.undeclared', 'forbidden', 'This route is not open to anyone');
    }
    if (rule.kind === 'public') return true;
    const user = context.switchToHttp().getRequest<Request>().user as SessionUser | undefined;
    if (!user) throw new AppError('auth.required', 'unauthorized', 'Sign in first');
    if (rule.kind === 'signed-in') return true;
    if (user.status !== 'active') {
      throw new AppError('auth.account_not_active', 'forbidden', user.status === 'pending'
        ? 'Your registration is waiting for your national focal point to approve it'
        : 'Your account is not active');
    }
    if (!rule.roles.some((role) => user.roles.includes(role))) {
      throw new AppError('auth.role_required', 'forbidden', `This needs one of these roles: ${rule.roles.join(', ')}`);
    }
    return true;
  }
}
