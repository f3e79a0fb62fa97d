import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendOrQueue } from '../../offline/writes';
import type { Schemas, User } from '../client';
import { meKeys } from '../me/use-me';
import { progressChanged } from './progress-cache';
import { lessonKeys, type Lesson } from './use-lesson';

/**
 * Marks a lesson done. Offline, the completion is queued (src/offline/queue.ts) and answers null:
 * the lesson shows as done, waiting to send.
 */
export function useCompleteLesson() {
  const client = useQueryClient();
  return useMutation({
    // Not paused offline (TanStack's default): offline is when it queues the write.
    networkMode: 'always',
    mutationFn: ({ id, courseId, title }: { id: string; courseId: string; title: string }) =>
      sendOrQueue<Schemas['CompletionResponseDto']>(client.getQueryData<User | null>(meKeys.all)?.id, {
        url: `/api/lessons/${id}/complete`,
        kind: 'complete',
        courseId,
        lessonId: id,
        title,
      }),
    onSuccess: (answer, { id: lessonId }) => {
      if (!answer) return;
      client.setQueryData<Lesson>(lessonKeys.detail(lessonId), (lesson) =>
        lesson ? { ...lesson, progress: { attempts: [], attemptsLeft: null, ...lesson.progress, completed: true } } : lesson,
      );
      return progressChanged(client, answer, lessonId);
    },
  });
}
