import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { sessionsKeys } from '../sessions/use-sessions';

/** A new password for the signed-in official; this device stays signed in, the others are signed out. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) => unwrap(api.POST('/api/auth/password', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKeys.all }),
  });
}
