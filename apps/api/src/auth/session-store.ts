import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SessionStore as FastifySessionStore } from '@fastify/session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { SessionUser } from './access.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sessionUserColumns } from './session-user.js';

export const SESSION_COOKIE = 'ctlp.sid';
/** A session lasts this long from sign-in, however active: an absolute limit, never extended. */
export const SESSION_HOURS = 12;

/** What Passport keeps in a session: the user's id. */
export interface PassportSessionValue {
  user: string;
}

/**
 * The user each session's Passport value pointed at when the session was read, in the same
 * query: SessionSerializer takes it from here instead of asking again. Keyed by the value object
 * itself, which the session keeps (and never saves, being outside it).
 */
const usersReadWithSessions = new WeakMap<object, SessionUser>();

export function userReadWithSession(value: unknown): SessionUser | undefined {
  return typeof value === 'object' && value !== null ? usersReadWithSessions.get(value) : undefined;
}

type SessionData = { passport?: PassportSessionValue; cookie?: { expires?: string | Date | null } } & Record<string, unknown>;

/**
 * Sessions live in PostgreSQL (table user_sessions, owned by the migrations), on the same pool
 * as TypeORM, so any API replica can serve any signed-in user. Reading a session also reads the
 * user it points at, in one query.
 */
@Injectable()
export class SessionStore implements FastifySessionStore, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly read: string;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.read = `SELECT s.sess AS "__session", ${sessionUserColumns(dataSource)}
                   FROM user_sessions s LEFT JOIN users u ON u.id = (s.sess #>> '{passport,user}')::uuid
                  WHERE s.sid = $1 AND s.expire >= now()`;
  }

  get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.pool.query(this.read, [sid]).then(({ rows: [row] }) => {
      if (!row) return callback(null, null);
      const { __session: data, ...user } = row as { __session: SessionData } & SessionUser;
      if (user.id && data.passport) usersReadWithSessions.set(data.passport, user);
      callback(null, data);
    }, callback);
  }

  set(sid: string, session: SessionData, callback: (error?: unknown) => void): void {
    const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + SESSION_HOURS * 3600_000);
    this.pool
      .query(
        `INSERT INTO user_sessions (sid, sess, expire) VALUES ($1, $2, $3)
         ON CONFLICT (sid) DO UPDATE SET sess = EXCLUDED.sess, expire = EXCLUDED.expire`,
        [sid, JSON.stringify(session), expires],
      )
      .then(() => callback(), callback);
  }

  destroy(sid: string, callback: (error?: unknown) => void): void {
    this.pool.query(`DELETE FROM user_sessions WHERE sid = $1`, [sid]).then(() => callback(), callback);
  }

  onApplicationBootstrap(): void {
    if (this.config.env === 'test') return;
    this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), 15 * 60_000);
    this.pruneTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
  }

  /** Sessions past their end are useless; removed now and then so the table stays small. */
  async prune(): Promise<void> {
    await this.pool.query(`DELETE FROM user_sessions WHERE expire < now()`);
  }
}
