import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { allOf, query, sql, type Sql } from '../common/sql.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** What the trail can be filtered by; the service has checked and normalised each value. */
export interface AuditFilters {
  /** Exact action, or (`actionPrefix`) every action starting with it. */
  action?: string;
  actionPrefix?: boolean;
  actorId?: string;
  actorEmail?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditQuery extends AuditFilters {
  limit: number;
  offset: number;
}

/** An event with who its actor is now (null for the system, or an account erased from the trail's view). */
export interface AuditEventRow {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(filters: AuditFilters): Sql {
  const where: Sql[] = [];
  if (filters.action) {
    where.push(filters.actionPrefix ? sql`e.action LIKE ${likePrefix(filters.action)}` : sql`e.action = ${filters.action}`);
  }
  if (filters.actorId) where.push(sql`e.actor_id = ${filters.actorId}`);
  if (filters.actorEmail) where.push(sql`e.actor_id = (SELECT id FROM users WHERE email = ${filters.actorEmail})`);
  if (filters.subjectType) where.push(sql`e.subject_type = ${filters.subjectType}`);
  if (filters.subjectId) where.push(sql`e.subject_id = ${filters.subjectId}`);
  if (filters.from) where.push(sql`e.created_at >= ${filters.from}`);
  if (filters.to) where.push(sql`e.created_at < ${filters.to}`);
  return allOf(where);
}

const EVENT_COLUMNS = sql`e.id::text AS id, e.actor_id AS "actorId", u.email AS "actorEmail", u.full_name AS "actorName", e.action,
  e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.data, e.created_at AS "createdAt"`;

/** Every statement about the audit trail: appending an event, reading the trail. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(event: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    // TypeORM's deep-partial type cannot see through unknown; the value is plain JSON.
    await manager.insert(AuditEventEntity, { ...event, data: (event.data ?? {}) as object });
  }

  /** Events matching the filters, newest first, and how many match. */
  async list(filters: AuditQuery, manager: EntityManager = this.dataSource.manager): Promise<{ rows: AuditEventRow[]; total: number }> {
    const where = conditions(filters);
    const [rows, [count]] = await Promise.all([
      query<AuditEventRow>(
        manager,
        sql`SELECT ${EVENT_COLUMNS} FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
             WHERE ${where} ORDER BY e.id DESC LIMIT ${filters.limit} OFFSET ${filters.offset}`,
      ),
      query<{ total: number }>(manager, sql`SELECT count(*)::int AS total FROM audit_events e WHERE ${where}`),
    ]);
    return { rows, total: count!.total };
  }

  /** Up to `max` events matching the filters, newest first: the rows of a CSV export. */
  async export(filters: AuditFilters, max: number, manager: EntityManager = this.dataSource.manager): Promise<AuditEventRow[]> {
    return query<AuditEventRow>(
      manager,
      sql`SELECT ${EVENT_COLUMNS} FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
           WHERE ${conditions(filters)} ORDER BY e.id DESC LIMIT ${max}`,
    );
  }
}
