import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '@ctlp/contracts';
import { api, unwrap, type Schemas } from '../client';

export type ReportQuery = Omit<NonNullable<paths['/api/reports/member-states']['get']['parameters']['query']>, 'format'>;

export const reportKeys = {
  all: ['reports', 'member-states'] as const,
  report: (query: ReportQuery) => [...reportKeys.all, query] as const,
};

/** Training counts per Member State for a period and filters (admins; a focal point's own State). */
export const memberStateReportQuery = (query: ReportQuery) =>
  queryOptions({
    queryKey: reportKeys.report(query),
    queryFn: () => unwrap(api.GET('/api/reports/member-states', { params: { query } })) as Promise<Schemas['MemberStateReportDto']>,
    placeholderData: keepPreviousData,
  });

export function useMemberStateReport(query: ReportQuery) {
  return useQuery(memberStateReportQuery(query));
}

/** The same report as a file: a plain link, so the browser downloads it with the session cookie. */
export function reportDownloadUrl(query: ReportQuery, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  params.set('format', format);
  return `/api/reports/member-states?${params}`;
}
