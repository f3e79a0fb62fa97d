import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { progressChanged } from './progress-cache';
import { lessonKeys } from './use-lesson';

export function useAttempt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['AttemptDto'] }) =>
      unwrap(api.POST('/api/lessons/{id}/attempts', { params: { path: { id } }, body })),
    // The quiz's attempts (and, once passed or used up, its right answers) come with the lesson.
    onSuccess: (result, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: lessonKeys.detail(id) }),
        progressChanged(client, result, result.passed ? id : undefined),
      ]),
  });
}
