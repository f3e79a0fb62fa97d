import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@ctlp/contracts';
import { api, unwrap, type Schemas } from './client';

export type ReportQuery = Omit<NonNullable<paths['/api/reports/member-states']['get']['parameters']['query']>, 'format'>;

export function useMemberStateReport(query: ReportQuery) {
  return useQuery({
    queryKey: ['reports', 'member-states', query],
    queryFn: () => unwrap(api.GET('/api/reports/member-states', { params: { query } })) as Promise<Schemas['MemberStateReportDto']>,
    placeholderData: keepPreviousData,
  });
}

/** The same report as a file: a plain link, so the browser downloads it with the session cookie. */
export function reportDownloadUrl(query: ReportQuery, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  params.set('format', format);
  return `/api/reports/member-states?${params}`;
}
