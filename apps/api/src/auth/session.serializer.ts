import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { SessionUser } from './access.decorator.js';
import { AuthService } from './auth.service.js';

/** The session holds only the user id; the user is re-read per request. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly auth: AuthService) {
    super();
  }

  serializeUser(user: SessionUser, done: (error: unknown, id?: string) => void): void {
    done(null, user.id);
  }

  deserializeUser(id: string, done: (error: unknown, user?: SessionUser | false) => void): void {
    this.auth.sessionUser(id).then((user) => done(null, user ?? false), done);
  }
}
