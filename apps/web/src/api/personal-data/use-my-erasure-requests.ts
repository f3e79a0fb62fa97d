import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const myErasureKeys = { all: ['me', 'erasure'] as const };

/** The signed-in person's erasure requests, newest first (at most one open). */
export const myErasureRequestsQuery = queryOptions({
  queryKey: myErasureKeys.all,
  queryFn: () => unwrap(api.GET('/api/me/erasure')),
});

export function useMyErasureRequests() {
  return useQuery(myErasureRequestsQuery);
}
