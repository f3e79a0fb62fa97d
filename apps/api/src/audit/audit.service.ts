import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { ValidationError } from '../common/app-error.js';
import { safeCell } from '../common/csv.js';
import { AuditRepository, type AuditEventRow, type AuditFilters, type AuditRecord } from './audit.repository.js';
import type { AuditEventFiltersDto, AuditEventQueryDto } from './dto/audit-event.dto.js';

export type { AuditQuery, AuditRecord } from './audit.repository.js';

/** The most events one CSV export holds; narrow the filters for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CSV_HEADER = ['id', 'createdAt', 'actorId', 'actorEmail', 'actorName', 'action', 'subjectType', 'subjectId', 'data'];

/** A bare date is midnight UTC; a date-time keeps its own offset. */
const instant = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);

@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Takes the caller's transaction: the event commits or rolls back with the change it records. */
  async record(manager: EntityManager, event: AuditRecord): Promise<void> {
    await this.events.insert(event, manager);
  }

  async list(query: AuditEventQueryDto): Promise<{ items: AuditEventRow[]; total: number }> {
    const { rows, total } = await this.events.list({ ...filtersOf(query), limit: query.limit, offset: query.offset });
    return { items: rows, total };
  }

  /**
   * The filtered trail as CSV (newest first, at most AUDIT_EXPORT_MAX_ROWS). Every cell is quoted
   * and formula-escaped; the export itself is recorded before the file leaves.
   */
  async exportCsv(actorId: string, query: AuditEventFiltersDto): Promise<{ csv: string; rows: number }> {
    const filters = filtersOf(query);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.events.export(filters, AUDIT_EXPORT_MAX_ROWS, manager);
      await this.record(manager, {
        actorId,
        action: 'audit.exported',
        subjectType: 'audit_events',
        subjectId: 'export',
        data: { filters: { ...query }, rows: rows.length },
      });
      const records = rows.map((row) =>
        [
          row.id,
          row.createdAt.toISOString(),
          row.actorId,
          row.actorEmail,
          row.actorName,
          row.action,
          row.subjectType,
          row.subjectId,
          JSON.stringify(row.data),
        ].map((cell) => safeCell(cell)),
      );
      // Every field quoted: a line break inside a cell can then never start a new row.
      const csv = stringify([CSV_HEADER, ...records], { record_delimiter: '\r\n', bom: true, quoted_string: true });
      return { csv, rows: rows.length };
    });
  }
}

/** The checked filters: an actor is an id or an email; an action ending in `*` is a prefix. */
function filtersOf(query: AuditEventFiltersDto): AuditFilters {
  const filters: AuditFilters = {};
  if (query.action) {
    const prefix = query.action.endsWith('*');
    filters.action = prefix ? query.action.slice(0, -1) : query.action;
    filters.actionPrefix = prefix;
  }
  if (query.actorId) filters.actorId = query.actorId;
  if (query.actor) {
    if (UUID.test(query.actor)) filters.actorId = query.actor.toLowerCase();
    else if (/^[^@]+@[^@]+$/.test(query.actor)) filters.actorEmail = query.actor.toLowerCase();
    else throw ValidationError.field('actor', 'invalid_format');
  }
  if (query.subjectType) filters.subjectType = query.subjectType;
  if (query.subjectId) filters.subjectId = query.subjectId;
  if (query.from) filters.from = instant(query.from);
  if (query.to) filters.to = instant(query.to);
  if (filters.from && filters.to && !(filters.from < filters.to)) throw ValidationError.field('to', 'must_be_after', { field: 'from' });
  return filters;
}
