import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { ValidationError } from '../common/app-error.js';
import { toFieldErrors } from '../common/validation.js';
import { LoginDto } from './dto/login.dto.js';

/**
 * Runs the local strategy and starts the session. Guards run before pipes, so the body is
 * validated here first: a missing field answers 400 naming it, like everywhere else.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: true, value: true } });
    if (errors.length > 0) {
      throw new ValidationError(toFieldErrors(errors));
    }
    request.body = dto;
    await super.canActivate(context);
    // passport 0.7 regenerates the session id here, so a planted id is never promoted.
    await super.logIn(request);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    return user;
  }
}
