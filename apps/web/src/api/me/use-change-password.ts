import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson, type PasswordChange } from '../pending';
import { sessionsKeys } from '../sessions/use-sessions';

/** A new password for the signed-in official; this device stays signed in, the others are signed out. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: PasswordChange) => sendJson<void>('POST', '/api/auth/password', change),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKeys.all }),
  });
}
