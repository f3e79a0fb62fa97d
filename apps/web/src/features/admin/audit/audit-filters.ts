import type { AuditFiltersQuery } from '../../../api/admin/use-audit-events';

/** The audit page's filters as the form edits them and the address keeps them. `to` is the last day shown. */
export interface AuditFilters {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const;

const DAY_MS = 86_400_000;

export function filtersFromSearch(params: URLSearchParams): AuditFilters {
  return Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as unknown as AuditFilters;
}

/** The address for these filters, on the first page (or `offset`). */
export function filtersToSearch(filters: AuditFilters, offset = 0): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  if (offset > 0) params.set('offset', String(offset));
  return params;
}

export function offsetFromSearch(params: URLSearchParams): number {
  const offset = Number(params.get('offset'));
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}

/**
 * What the API is asked: the day after the last day shown is the excluded end, so "1 to 31 March"
 * includes the whole of the 31st (days are UTC, as the trail's times are).
 */
export function auditQueryOf(filters: AuditFilters): AuditFiltersQuery {
  const query: AuditFiltersQuery = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  if (query.to && /^\d{4}-\d{2}-\d{2}$/.test(query.to)) {
    query.to = new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  }
  return query;
}
