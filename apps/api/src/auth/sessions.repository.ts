import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { query, rawSql, sql, type Sql } from '../common/sql.js';
import { sessionUserColumns } from './session-user.js';

export interface StoredSession {
  data: Record<string, unknown>;
  /** The user the session belongs to, read with it; undefined before sign-in or once the account is gone. */
  user: SessionUser | undefined;
}

/** Where a session signed in from, kept beside it for the user's list of devices. */
export interface SessionDevice {
  userAgent: string | null;
  address: string | null;
}

/** One session as the user's list of devices shows it. */
export interface DeviceSessionRow {
  id: string;
  current: boolean;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  address: string | null;
}

/**
 * A session's public id: a hash of its sid, which is the bearer secret in the cookie and so never
 * leaves the server. 128 bits of SHA-256 name a session among a user's few without a collision.
 */
const PUBLIC_ID = rawSql(`left(encode(sha256(convert_to(s.sid, 'UTF8')), 'hex'), 32)`);
/** What a public id looks like; anything else names no session. */
const PUBLIC_ID_SHAPE = /^[0-9a-f]{32}$/;

/** A user has few sessions (sign-ins of the last 12 hours); the list stops here all the same. */
const DEVICE_LIST_LIMIT = 100;

/**
 * Every statement about sessions (table user_sessions). A session is read on every signed-in
 * request, outside any transaction: on the pool, as a prepared statement (common/sql.ts).
 */
@Injectable()
export class SessionsRepository {
  private readonly userColumns: Sql;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.userColumns = rawSql(sessionUserColumns(dataSource));
  }

  private async run<Row>(statement: Sql): Promise<Row[]> {
    return query<Row>(this.dataSource.manager, statement);
  }

  /** A live session and, in the same query, its user. */
  async read(sid: string): Promise<StoredSession | undefined> {
    const [row] = await this.run<{ __data: Record<string, unknown> } & SessionUser>(
      sql`SELECT s.sess AS "__data", ${this.userColumns}
            FROM user_sessions s LEFT JOIN users u ON u.id = s.user_id
           WHERE s.sid = ${sid} AND s.expire >= now()`,
    );
    if (!row) return undefined;
    const { __data: data, ...user } = row;
    return { data, user: user.id ? user : undefined };
  }

  /**
   * Writes a session. created_at is its first save; the device is written when known (at sign-in)
   * and otherwise kept, so a later save of the same session does not forget it.
   */
  async save(sid: string, data: Record<string, unknown>, expires: Date, userId: string | null, device?: SessionDevice): Promise<void> {
    await this.run(
      sql`INSERT INTO user_sessions (sid, sess, expire, user_id, user_agent, address)
          VALUES (${sid}, ${JSON.stringify(data)}, ${expires}, ${userId}, ${device?.userAgent ?? null}, ${device?.address ?? null})
          ON CONFLICT (sid) DO UPDATE SET sess = EXCLUDED.sess, expire = EXCLUDED.expire, user_id = EXCLUDED.user_id,
            user_agent = COALESCE(EXCLUDED.user_agent, user_sessions.user_agent),
            address = COALESCE(EXCLUDED.address, user_sessions.address)`,
    );
  }

  async destroy(sid: string): Promise<void> {
    await this.run(sql`DELETE FROM user_sessions WHERE sid = ${sid}`);
  }

  /** Sessions past their end. */
  async prune(): Promise<void> {
    await this.run(sql`DELETE FROM user_sessions WHERE expire < now()`);
  }

  /** The user's live sessions, newest sign-in first, and how many there are. */
  async listOf(userId: string, currentSid: string | undefined): Promise<{ items: DeviceSessionRow[]; total: number }> {
    const rows = await this.run<DeviceSessionRow & { total: number }>(
      sql`SELECT ${PUBLIC_ID} AS id, s.sid = ${currentSid ?? ''} AS current, s.created_at AS "createdAt", s.expire AS "expiresAt",
                 s.user_agent AS "userAgent", s.address, count(*) OVER ()::int AS total
            FROM user_sessions s
           WHERE s.user_id = ${userId} AND s.expire >= now()
           ORDER BY s.created_at DESC, s.sid
           LIMIT ${DEVICE_LIST_LIMIT}`,
    );
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Ends one of the user's sessions by its public id; the sid it ended, or undefined when it is not theirs. */
  async endSessionOf(userId: string, publicId: string): Promise<string | undefined> {
    if (!PUBLIC_ID_SHAPE.test(publicId)) return undefined;
    const [row] = await this.run<{ sid: string }>(
      sql`DELETE FROM user_sessions s WHERE s.user_id = ${userId} AND ${PUBLIC_ID} = ${publicId} RETURNING s.sid`,
    );
    return row?.sid;
  }

  /**
   * Ends every session of the user but `exceptSid` (the caller's own, when they stay signed in):
   * one indexed delete. Pass `manager` to make it part of a transaction (a password change or
   * reset that commits with it).
   */
  async endAllSessionsOf(userId: string, exceptSid?: string, manager?: EntityManager): Promise<number> {
    const statement = sql`WITH ended AS (DELETE FROM user_sessions WHERE user_id = ${userId} AND sid IS DISTINCT FROM ${exceptSid ?? null} RETURNING 1)
                          SELECT count(*)::int AS count FROM ended`;
    const [row] = manager ? await query<{ count: number }>(manager, statement) : await this.run<{ count: number }>(statement);
    return row?.count ?? 0;
  }
}
