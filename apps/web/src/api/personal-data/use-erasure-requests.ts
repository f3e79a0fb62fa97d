import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** A page of the admins' list. */
export const ERASURE_REQUESTS_PAGE_SIZE = 25;

export const erasureRequestsKeys = {
  all: ['admin', 'erasure-requests'] as const,
  list: (limit: number, offset: number) => [...erasureRequestsKeys.all, 'open', limit, offset] as const,
};

/** Open erasure requests, oldest first (admins). */
export const erasureRequestsQuery = (limit: number, offset: number) =>
  queryOptions({
    queryKey: erasureRequestsKeys.list(limit, offset),
    queryFn: () => unwrap(api.GET('/api/erasure-requests', { params: { query: { status: 'open', limit, offset } } })),
    placeholderData: keepPreviousData,
  });

export function useErasureRequests(limit: number, offset: number) {
  return useQuery(erasureRequestsQuery(limit, offset));
}

/** Completes (pseudonymises the person) or refuses a request; it then leaves the open list. */
export function useDecideErasure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: { id: string; kind: 'complete' } | { id: string; kind: 'refuse'; reason: string }) =>
      decision.kind === 'complete'
        ? unwrap(api.POST('/api/erasure-requests/{id}/complete', { params: { path: { id: decision.id } } }))
        : unwrap(
            api.POST('/api/erasure-requests/{id}/refuse', { params: { path: { id: decision.id } }, body: { reason: decision.reason } }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: erasureRequestsKeys.all }),
  });
}
