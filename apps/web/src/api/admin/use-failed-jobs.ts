import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { sendJson, type FailedJobList } from '../pending';

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
    queryFn: () => sendJson<FailedJobList>('GET', `/api/admin/jobs/failed?limit=${limit}&offset=${offset}`),
    placeholderData: keepPreviousData,
  });

export function useFailedJobs(limit: number, offset: number) {
  return useQuery(failedJobsQuery(limit, offset));
}
