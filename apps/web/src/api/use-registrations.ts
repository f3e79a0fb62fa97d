import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserStatus } from '@ctlp/contracts';
import { api, unwrap } from './client';

export const registrationsKey = ['registrations'] as const;

export const registrationsQuery = (status: UserStatus, limit: number, offset: number) =>
  queryOptions({
    queryKey: [...registrationsKey, status, limit, offset],
    queryFn: () => unwrap(api.GET('/api/registrations', { params: { query: { status, limit, offset } } })),
    placeholderData: keepPreviousData,
  });

export function useRegistrations(status: UserStatus, limit: number, offset: number) {
  return useQuery(registrationsQuery(status, limit, offset));
}

export type VettingDecision = { userId: string; kind: 'approve' } | { userId: string; kind: 'reject'; reason: string };

export function useDecideRegistration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: VettingDecision) =>
      decision.kind === 'approve'
        ? unwrap(api.POST('/api/registrations/{userId}/approve', { params: { path: { userId: decision.userId } } }))
        : unwrap(
            api.POST('/api/registrations/{userId}/reject', {
              params: { path: { userId: decision.userId } },
              body: { reason: decision.reason },
            }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: registrationsKey }),
  });
}
