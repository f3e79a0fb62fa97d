import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { query, sql } from '../common/sql.js';

/** How long a key answers replays; after that the same key is a new request. */
export const IDEMPOTENCY_KEY_TTL = sql`interval '7 days'`;

/** A key as stored: the request it was first sent with and, once that committed, its answer. */
export interface StoredIdempotencyKey {
  route: string;
  fingerprint: string;
  status: number | null;
  body: unknown;
}

/** Every statement about idempotency keys (see idempotency.ts). */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims the key for this request in the caller's transaction: true when it is this request's
   * (new, or expired and taken over). A concurrent holder's uncommitted row makes this wait until
   * that transaction ends; then the key is either committed (false) or free again (true).
   */
  async claim(manager: EntityManager, claim: { userId: string; key: string; route: string; fingerprint: string }): Promise<boolean> {
    const rows = await query<{ claimed: number }>(
      manager,
      sql`INSERT INTO idempotency_keys AS k (user_id, key, route, fingerprint)
          VALUES (${claim.userId}, ${claim.key}, ${claim.route}, ${claim.fingerprint})
          ON CONFLICT (user_id, key) DO UPDATE
             SET route = EXCLUDED.route, fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, created_at = now()
           WHERE k.created_at < now() - ${IDEMPOTENCY_KEY_TTL}
          RETURNING 1 AS claimed`,
    );
    return rows.length > 0;
  }

  /** The key as committed by the request that holds it (read after a failed claim, in the same transaction). */
  async find(manager: EntityManager, userId: string, key: string): Promise<StoredIdempotencyKey | undefined> {
    const [row] = await query<StoredIdempotencyKey>(
      manager,
      sql`SELECT route, fingerprint, status, body FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`,
    );
    return row;
  }

  async store(manager: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    await query<never>(
      manager,
      sql`UPDATE idempotency_keys SET status = ${status}, body = ${JSON.stringify(body)} WHERE user_id = ${userId} AND key = ${key}`,
    );
  }

  /** Forgets keys past their time; returns how many. */
  async prune(): Promise<number> {
    const rows = await query<{ n: number }>(
      this.dataSource.manager,
      sql`WITH gone AS (DELETE FROM idempotency_keys WHERE created_at < now() - ${IDEMPOTENCY_KEY_TTL} RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );
    return rows[0]?.n ?? 0;
  }
}
