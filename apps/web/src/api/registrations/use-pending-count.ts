import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { registrationsKeys } from './use-registrations';

/**
 * How many registrations wait for the caller (their State's; every State's for an admin): the
 * total of a one-row page of the queue. Under `registrationsKeys.all`, so a decision refreshes it.
 */
export const pendingCountQuery = () =>
  queryOptions({
    queryKey: [...registrationsKeys.all, 'pending-count'] as const,
    queryFn: () => unwrap(api.GET('/api/registrations', { params: { query: { status: 'pending', limit: 1, offset: 0 } } })),
    select: (page) => page.total,
    staleTime: 60_000,
  });

export function usePendingCount(enabled: boolean) {
  return useQuery({ ...pendingCountQuery(), enabled });
}
