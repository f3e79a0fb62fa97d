import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { progressChanged } from './progress-cache';
import { lessonKeys, type Lesson } from './use-lesson';

export function useCompleteLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lessonId: string) => unwrap(api.POST('/api/lessons/{id}/complete', { params: { path: { id: lessonId } } })),
    onSuccess: (answer, lessonId) => {
      client.setQueryData<Lesson>(lessonKeys.detail(lessonId), (lesson) =>
        lesson ? { ...lesson, progress: { attempts: [], attemptsLeft: null, ...lesson.progress, completed: true } } : lesson,
      );
      return progressChanged(client, answer, lessonId);
    },
  });
}
