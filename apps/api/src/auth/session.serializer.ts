import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import passport from 'passport';
import type { SessionUser } from './access.decorator.js';
import { AuthService } from './auth.service.js';
import { userReadWithSession } from './session-store.js';

/**
 * The session holds only the user id; the user is re-read on every request, so a suspension takes
 * effect at once. SessionStore reads it in the same query as the session; the lookup here is for a
 * session read any other way.
 */
@Injectable()
export class SessionSerializer {
  constructor(private readonly auth: AuthService) {
    passport.serializeUser((user: Express.User, done) => done(null, (user as SessionUser).id));
    // Three parameters: Passport then passes the request first.
    passport.deserializeUser((request: Request, id: string, done: (error: unknown, user?: SessionUser | false) => void) => {
      const user = userReadWithSession(request);
      if (user?.id === id) return done(null, user.status === 'suspended' ? false : user);
      this.auth.sessionUser(id).then((found) => done(null, found ?? false), done);
    });
  }
}
