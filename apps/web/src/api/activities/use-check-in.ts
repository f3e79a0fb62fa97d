import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** Marks the signed-in official present today at the activity whose code they scanned. */
export function useCheckIn() {
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/activities/check-in', { body: { code } })),
  });
}
