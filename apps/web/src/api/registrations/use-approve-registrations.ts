import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { usersKeys } from '../users/use-users';
import { registrationsKeys } from './use-registrations';

/** Approves several registrations at once, all or none. */
export function useApproveRegistrations() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) => unwrap(api.POST('/api/registrations/approve', { body: { userIds } })),
    // They move from the queue to the active accounts, in vetting and in the users list.
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: registrationsKeys.all }), client.invalidateQueries({ queryKey: usersKeys.all })]),
  });
}
