import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type CheckInPass = Schemas['CheckInPassDto'];

/**
 * Exchanges a code scanned before signing in for a pass that stands for it for 30 minutes.
 * `onIssued` keeps it; as an option of the mutation it runs even when the person has already gone
 * on to sign in and the page that asked is gone.
 */
export function useCheckInPass(onIssued: (code: string, issued: CheckInPass) => void) {
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/activities/check-in/pass', { body: { code } })),
    onSuccess: (issued, code) => onIssued(code, issued),
  });
}
