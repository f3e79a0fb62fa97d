import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** A page of the dead letters. */
export const FAILED_JOBS_PAGE_SIZE = 25;

export const failedJobsKeys = {
  all: ['admin', 'failed-jobs'] as const,
  list: (limit: number, offset: number) => [...failedJobsKeys.all, limit, offset] as const,
};

/** Background jobs that failed every try, newest first (admins). */
export const failedJobsQuery = (limit: number, offset: number) =>
  queryOptions({
    queryKey: failedJobsKeys.list(limit, offset),
    queryFn: () => unwrap(api.GET('/api/admin/jobs/failed', { params: { query: { limit, offset } } })),
    placeholderData: keepPreviousData,
  });

export function useFailedJobs(limit: number, offset: number) {
  return useQuery(failedJobsQuery(limit, offset));
}
