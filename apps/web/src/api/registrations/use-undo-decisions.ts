import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { usersKeys } from '../users/use-users';
import { registrationsKeys } from './use-registrations';

/** Takes back decisions made moments ago (the toast's Undo): the registrations wait again. */
export function useUndoDecisions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) => unwrap(api.POST('/api/registrations/undo', { body: { userIds } })),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: registrationsKeys.all }), client.invalidateQueries({ queryKey: usersKeys.all })]),
  });
}
