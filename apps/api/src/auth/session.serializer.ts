import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../access/access.decorator.js';
import { AuthService } from './auth.service.js';
import { PASSPORT, type Passport } from './passport.js';
import { recordSignInDevice, userReadWithSession, type PassportSessionValue } from './session-store.js';

/**
 * The session holds only the user id; the user is re-read on every request, so a suspension
 * takes effect at once. SessionStore reads it in the same query as the session; the lookup here
 * is for a session read any other way. Serializing happens at sign-in, which is when the device
 * the session signed in from is noted for the list of devices.
 */
@Injectable()
export class SessionSerializer {
  constructor(
    private readonly auth: AuthService,
    @Inject(PASSPORT) passport: Passport,
  ) {
    passport.registerUserSerializer(async (user: SessionUser, request: FastifyRequest): Promise<PassportSessionValue> => {
      const value = { user: user.id };
      recordSignInDevice(value, request);
      return value;
    });
    passport.registerUserDeserializer(async (stored: PassportSessionValue, _request: FastifyRequest) => {
      const user = userReadWithSession(stored);
      if (user?.id === stored.user) return user.status === 'suspended' ? null : user;
      return (await this.auth.sessionUser(stored.user)) ?? null;
    });
  }
}
