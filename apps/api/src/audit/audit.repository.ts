import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  subjectType?: string;
  subjectId?: string;
  limit: number;
  offset: number;
}

/** Every statement about the audit trail: appending an event, reading the trail. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(event: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    // TypeORM's deep-partial type cannot see through unknown; the value is plain JSON.
    await manager.insert(AuditEventEntity, { ...event, data: (event.data ?? {}) as object });
  }

  /** Events matching the filters, newest first, and how many match. */
  async list(filters: AuditQuery, manager: EntityManager = this.dataSource.manager): Promise<{ rows: AuditEventEntity[]; total: number }> {
    const builder = manager
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .orderBy('event.id', 'DESC')
      .take(filters.limit)
      .skip(filters.offset);
    if (filters.action) builder.andWhere('event.action = :action', { action: filters.action });
    if (filters.actorId) builder.andWhere('event.actorId = :actorId', { actorId: filters.actorId });
    if (filters.subjectType) builder.andWhere('event.subjectType = :subjectType', { subjectType: filters.subjectType });
    if (filters.subjectId) builder.andWhere('event.subjectId = :subjectId', { subjectId: filters.subjectId });
    const [rows, total] = await builder.getManyAndCount();
    return { rows, total };
  }
}
