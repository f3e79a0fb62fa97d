import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { meKeys, type MfaStatus } from './use-me';

/** Starts setting up an authenticator app: the secret and its otpauth:// URL (for the QR code). */
export function useStartMfa() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/auth/mfa/totp')) });
}

/** Confirms the app with a code it shows; MFA is on and the recovery codes come back, once. */
export function useConfirmMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/mfa/totp/confirm', { body: { code } })),
    onSuccess: () => {
      client.setQueryData<MfaStatus | null>(meKeys.mfa, (status) => ({ required: status?.required ?? false, enabled: true }));
    },
  });
}

/** New recovery codes, given a current code from the app. */
export function useRegenerateRecoveryCodes() {
  return useMutation({ mutationFn: (code: string) => unwrap(api.POST('/api/auth/mfa/recovery-codes', { body: { code } })) });
}

/** Turns MFA off (only for roles that do not require it), given the password. */
export function useDisableMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['MfaDisableDto']) => unwrap(api.POST('/api/auth/mfa/disable', { body })),
    onSuccess: () => {
      client.setQueryData<MfaStatus | null>(meKeys.mfa, (status) => ({ required: status?.required ?? false, enabled: false }));
    },
  });
}
