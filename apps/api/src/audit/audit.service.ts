import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditEventEntity } from './audit-event.entity.js';
import { AuditRepository, type AuditQuery, type AuditRecord } from './audit.repository.js';

export type { AuditQuery, AuditRecord } from './audit.repository.js';

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /** Takes the caller's transaction: the event commits or rolls back with the change it records. */
  async record(manager: EntityManager, event: AuditRecord): Promise<void> {
    await this.events.insert(event, manager);
  }

  async list(query: AuditQuery): Promise<{ items: AuditEventEntity[]; total: number }> {
    const { rows, total } = await this.events.list(query);
    return { items: rows, total };
  }
}
