import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendOrQueue } from '../../offline/writes';
import type { Schemas, User } from '../client';
import { meKeys } from '../me/use-me';
import { progressChanged } from './progress-cache';
import { lessonKeys } from './use-lesson';

/** Submits a quiz attempt. Offline it is queued and answers null: graded by the API when it is sent. */
export function useAttempt() {
  const client = useQueryClient();
  return useMutation({
    // Not paused offline (TanStack's default): offline is when it queues the write.
    networkMode: 'always',
    mutationFn: ({ id, body, courseId, title }: { id: string; body: Schemas['AttemptDto']; courseId: string; title: string }) =>
      sendOrQueue<Schemas['AttemptResultDto']>(client.getQueryData<User | null>(meKeys.all)?.id, {
        url: `/api/lessons/${id}/attempts`,
        body,
        kind: 'attempt',
        courseId,
        lessonId: id,
        title,
      }),
    // The quiz's attempts (and, once passed or used up, its right answers) come with the lesson.
    onSuccess: (result, { id }) =>
      result
        ? Promise.all([
            client.invalidateQueries({ queryKey: lessonKeys.detail(id) }),
            progressChanged(client, result, result.passed ? id : undefined),
          ])
        : undefined,
  });
}
