import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../common/app-error.js';
import { toFieldErrors } from '../common/validation.js';
import type { SessionUser } from '../access/access.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { startHalfSession } from './mfa/mfa-session.js';
import { PASSPORT, type Passport } from './passport.js';

/**
 * Runs Passport's local strategy and starts the session. Guards run before pipes, so the body is
 * validated here first: a missing field answers 400 naming it, like everywhere else.
 */
@Injectable()
export class LocalAuthGuard implements CanActivate {
  private readonly authenticate;

  constructor(
    @Inject(PASSPORT) passport: Passport,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.authenticate = passport.authenticate('local', { authInfo: false }, async (request, _reply, error, user) => {
      if (error) throw error;
      if (!user) throw new AppError('invalid_credentials');
      // With TOTP on, the password opens only a half session that the second step completes.
      if ((user as SessionUser).mfaEnabledAt) await startHalfSession(request, (user as SessionUser).id);
      // Regenerates the session id first, so a planted id is never promoted.
      else await request.logIn(user as SessionUser);
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: true, value: true } });
    if (errors.length > 0) throw new ValidationError(toFieldErrors(errors));
    request.body = dto;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await this.authenticate.call(fastify, request, context.switchToHttp().getResponse<FastifyReply>());
    return true;
  }
}
