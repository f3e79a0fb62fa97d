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

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Takes the caller's transaction: the event commits or rolls back with the change it records. */
  async record(manager: EntityManager, event: AuditRecord): Promise<void> {
    // TypeORM's deep-partial type cannot see through unknown; the value is plain JSON.
    await manager.insert(AuditEventEntity, { ...event, data: (event.data ?? {}) as object });
  }

  async list(query: AuditQuery): Promise<{ items: AuditEventEntity[]; total: number }> {
    const builder = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .orderBy('event.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.action) builder.andWhere('event.action = :action', { action: query.action });
    if (query.actorId) builder.andWhere('event.actorId = :actorId', { actorId: query.actorId });
    if (query.subjectType) builder.andWhere('event.subjectType = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) builder.andWhere('event.subjectId = :subjectId', { subjectId: query.subjectId });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
