import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** A page of the audit trail. */
export const AUDIT_PAGE_SIZE = 50;

/** The trail's filters as the API takes them (empty ones left out). */
export interface AuditFiltersQuery {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  all: ['admin', 'audit'] as const,
  list: (filters: AuditFiltersQuery, offset: number) => [...auditKeys.all, filters, offset] as const,
};

/** The audit trail, newest first, filtered (admins). */
export const auditEventsQuery = (filters: AuditFiltersQuery, offset: number) =>
  queryOptions({
    queryKey: auditKeys.list(filters, offset),
    queryFn: () => unwrap(api.GET('/api/audit-events', { params: { query: { ...filters, limit: AUDIT_PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });

export function useAuditEvents(filters: AuditFiltersQuery, offset: number) {
  return useQuery(auditEventsQuery(filters, offset));
}

/** The CSV of every event the filters match (the API caps it), as a download link. */
export function auditExportUrl(filters: AuditFiltersQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return `/api/audit-events/export${search ? `?${search}` : ''}`;
}
