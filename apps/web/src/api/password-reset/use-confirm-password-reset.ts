import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meKeys } from '../me/use-me';
import { sendJson, type PasswordResetConfirmation } from '../pending';

/** Sets a new password with the link's token; every session of that account ends. */
export function useConfirmPasswordReset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirmation: PasswordResetConfirmation) => sendJson<void>('POST', '/api/auth/password-reset/confirm', confirmation),
    // If this browser was signed in to that account, it no longer is: ask who is signed in.
    onSuccess: () => client.invalidateQueries({ queryKey: meKeys.all }),
  });
}
