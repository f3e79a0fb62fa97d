import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

/** A scanned code, or the pass got for one before signing in. */
export type CheckInProof = Schemas['CheckInDto'];

/** Marks the signed-in official present, on the organiser's day, at the activity whose code they scanned. */
export function useCheckIn() {
  return useMutation({
    mutationFn: (proof: CheckInProof) => unwrap(api.POST('/api/activities/check-in', { body: proof })),
  });
}
