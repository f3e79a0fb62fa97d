import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { lessonKeys } from './use-lesson';

/** Starts a timed quiz: the API draws its questions and starts the clock; the lesson it answers shows them. */
export function useStartAttempt() {
  const client = useQueryClient();
  return useMutation({
    // Online only (a timed quiz's clock runs on the server); the key makes a retry after a lost answer safe.
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/lessons/{id}/attempts/start', { params: { path: { id }, header: { 'Idempotency-Key': crypto.randomUUID() } } }),
      ),
    onSuccess: (lesson, id) => client.setQueryData(lessonKeys.detail(id), lesson),
  });
}
