import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { usersKeys } from '../users/use-users';
import { registrationsKeys } from './use-registrations';

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
    // The person moves from one status's list to another's, in vetting and in the users list.
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: registrationsKeys.all }), client.invalidateQueries({ queryKey: usersKeys.all })]),
  });
}
