import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export const SESSION_COOKIE = 'ctlp.sid';
const SESSION_HOURS = 12;

/**
 * Sessions live in PostgreSQL (table user_sessions, owned by the migrations), on the same pool
 * as TypeORM, so any API replica can serve any signed-in user.
 */
@Injectable()
export class SessionStore implements OnModuleDestroy {
  private readonly store: connectPgSimple.PGStore;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const PgStore = connectPgSimple(session);
    this.store = new PgStore({
      pool: (dataSource.driver as unknown as { master: Pool }).master,
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
