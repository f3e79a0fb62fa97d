import { useMutation } from '@tanstack/react-query';
import { sendJson, type PasswordResetRequest } from '../pending';

/** Asks for a reset link by mail. The answer is the same whether an account has this address. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (request: PasswordResetRequest) => sendJson<void>('POST', '/api/auth/password-reset', request),
  });
}
