import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ErasureRequestStatus } from '@ctlp/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { allOf, query, sql } from '../common/sql.js';

export interface ErasureRequestRow {
  id: string;
  userId: string;
  status: ErasureRequestStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  refusalReason: string | null;
  /** The person as they are now (placeholders once erased), for the admins' list. */
  fullName: string;
  email: string;
  memberState: string;
  roles: string[];
}

const COLUMNS = sql`r.id, r.user_id AS "userId", r.status, r.requested_at AS "requestedAt", r.decided_at AS "decidedAt",
  r.refusal_reason AS "refusalReason", u.full_name AS "fullName", u.email, u.member_state AS "memberState", u.roles::text[] AS roles`;

/** Every statement about erasure requests and about whom erasure is due for. */
@Injectable()
export class ErasureRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new open request; PostgreSQL's unique violation when the person has one open already. */
  async insert(userId: string, manager: EntityManager = this.dataSource.manager): Promise<ErasureRequestRow> {
    const [row] = await query<ErasureRequestRow>(
      manager,
      sql`WITH r AS (INSERT INTO erasure_requests (user_id) VALUES (${userId}) RETURNING *)
          SELECT ${COLUMNS} FROM r JOIN users u ON u.id = r.user_id`,
    );
    return row!;
  }

  /** The person's requests, newest first. */
  async ofUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<ErasureRequestRow[]> {
    return query<ErasureRequestRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM erasure_requests r JOIN users u ON u.id = r.user_id WHERE r.user_id = ${userId} ORDER BY r.requested_at DESC`,
    );
  }

  async list(
    filters: { status?: ErasureRequestStatus; limit: number; offset: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: ErasureRequestRow[]; total: number }> {
    const where = allOf(filters.status ? [sql`r.status = ${filters.status}`] : []);
    const rows = await query<ErasureRequestRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM erasure_requests r JOIN users u ON u.id = r.user_id
           WHERE ${where} ORDER BY r.requested_at, r.id LIMIT ${filters.limit} OFFSET ${filters.offset}`,
    );
    const [count] = await query<{ total: number }>(manager, sql`SELECT count(*)::int AS total FROM erasure_requests r WHERE ${where}`);
    return { rows, total: count!.total };
  }

  /** The request and its person, both locked for this transaction; `userId` limits it to that person's own. */
  async lock(id: string, manager: EntityManager, userId?: string): Promise<ErasureRequestRow | undefined> {
    const [row] = await query<ErasureRequestRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM erasure_requests r JOIN users u ON u.id = r.user_id
           WHERE r.id = ${id} ${userId ? sql`AND r.user_id = ${userId}` : sql``}
             FOR UPDATE OF r, u`,
    );
    return row;
  }

  async close(
    id: string,
    status: Exclude<ErasureRequestStatus, 'open'>,
    decidedBy: string | null,
    refusalReason: string | null,
    manager: EntityManager,
  ): Promise<ErasureRequestRow> {
    const [row] = await query<ErasureRequestRow>(
      manager,
      sql`WITH r AS (UPDATE erasure_requests SET status = ${status}, decided_by = ${decidedBy}, decided_at = now(), refusal_reason = ${refusalReason}
                      WHERE id = ${id} RETURNING *)
          SELECT ${COLUMNS} FROM r JOIN users u ON u.id = r.user_id`,
    );
    return row!;
  }

  /**
   * Up to `limit` rejected applicants, not erased yet, whose rejection is older than `days` and who
   * have no enrolment, locked (skipping rows another run holds, so replicas never take the same).
   */
  async rejectedBeyondRetention(days: number, limit: number, manager: EntityManager): Promise<Array<{ id: string; email: string }>> {
    return query<{ id: string; email: string }>(
      manager,
      sql`SELECT u.id, u.email FROM users u
           WHERE u.status = 'rejected' AND u.erased_at IS NULL
             AND COALESCE(u.vetted_at, u.created_at) < now() - make_interval(days => ${days})
             AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)
           ORDER BY u.vetted_at
           LIMIT ${limit}
             FOR UPDATE OF u SKIP LOCKED`,
    );
  }
}
