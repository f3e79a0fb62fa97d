import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import connectPgSimple from 'connect-pg-simple';
import type { Request } from 'express';
import session, { type SessionData } from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { SessionUser } from './access.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sessionUserColumns } from './session-user.js';

export const SESSION_COOKIE = 'ctlp.sid';
const SESSION_HOURS = 12;

/** Where the store leaves the user it read with the session, for SessionSerializer. */
const USER_READ_WITH_SESSION = Symbol('userReadWithSession');
type WithUser = { [USER_READ_WITH_SESSION]?: SessionUser };

/** The user the session of this request pointed at when it was read, if any (not yet checked). */
export function userReadWithSession(request: Request): SessionUser | undefined {
  return (request as Request & WithUser)[USER_READ_WITH_SESSION];
}

/**
 * Sessions live in PostgreSQL (table user_sessions, owned by the migrations), on the same pool
 * as TypeORM, so any API replica can serve any signed-in user. A signed-in request reads its
 * session and its user in one query: the store joins the user the session points at, and
 * SessionSerializer takes it from the request instead of asking again.
 */
@Injectable()
export class SessionStore implements OnModuleDestroy {
  private readonly store: connectPgSimple.PGStore;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const read = `SELECT s.sess AS "__session", ${sessionUserColumns(dataSource)}
                    FROM user_sessions s LEFT JOIN users u ON u.id = (s.sess #>> '{passport,user}')::uuid
                   WHERE s.sid = $1 AND s.expire >= now()`;
    const PgStore = connectPgSimple(session);
    class PgStoreWithUser extends PgStore {
      override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
        pool.query(read, [sid]).then(({ rows: [row] }) => {
          if (!row) return callback(null, null);
          const { __session: data, ...user } = row;
          // A symbol: express-session copies only the session's own enumerable keys, so the user
          // is neither kept in the session nor written back with it.
          if (user.id) Object.defineProperty(data, USER_READ_WITH_SESSION, { value: user });
          callback(null, data);
        }, callback);
      }

      override createSession(request: Request, data: SessionData & WithUser) {
        (request as Request & WithUser)[USER_READ_WITH_SESSION] = data[USER_READ_WITH_SESSION];
        return super.createSession(request, data);
      }
    }
    this.store = new PgStoreWithUser({
      pool,
      tableName: 'user_sessions',
      createTableIfMissing: false,
      pruneSessionInterval: config.env === 'test' ? false : 15 * 60,
      // A session lasts SESSION_HOURS from sign-in, however active: an absolute limit, and no
      // write to the sessions table on every request just to push the expiry on.
      disableTouch: true,
    });
  }

  middleware() {
    return session({
      name: SESSION_COOKIE,
      store: this.store,
      secret: this.config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      proxy: this.config.trustProxy > 0,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.env === 'production',
        maxAge: SESSION_HOURS * 3600_000,
      },
    });
  }

  onModuleDestroy(): void {
    this.store.close();
  }
}
