import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import type { SessionUser } from '../access/access.decorator.js';
import { AuthService } from './auth.service.js';
import { PASSPORT, type Passport } from './passport.js';

/** Email and password, checked by AuthService (limits, timing), as Passport's `local` strategy. */
@Injectable()
export class LocalStrategy {
  constructor(auth: AuthService, @Inject(PASSPORT) passport: Passport) {
    passport.use(
      'local',
      new Strategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true }, (request, email, password, done) => {
        auth.validateLogin(email, password, (request as unknown as FastifyRequest).ip).then(
          (user: SessionUser) => done(null, user),
          (error: unknown) => done(error),
        );
      }),
    );
  }
}
