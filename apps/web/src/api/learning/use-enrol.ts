import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { lessonKeys, type Lesson } from './use-lesson';
import { progressChanged } from './progress-cache';

export function useEnrol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (courseId: string) => unwrap(api.POST('/api/courses/{id}/enrolments', { params: { path: { id: courseId } } })),
    // The course's lessons now carry the learner's progress.
    onSuccess: (answer, courseId) =>
      Promise.all([
        progressChanged(client, answer),
        client.invalidateQueries({
          queryKey: lessonKeys.all,
          predicate: (query) => (query.state.data as Lesson | undefined)?.courseId === courseId,
        }),
      ]),
  });
}
