import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

/** A trainer trying their quiz as a learner: graded by the API, recorded nowhere, so no cache changes. */
export function usePreviewAttempt() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['AttemptDto'] }) =>
      unwrap(api.POST('/api/lessons/{id}/attempts/preview', { params: { path: { id } }, body })),
  });
}
