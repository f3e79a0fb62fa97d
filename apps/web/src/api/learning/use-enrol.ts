import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { courseKeys, type Course } from '../courses/use-course';
import { lessonKeys, type Lesson } from './use-lesson';
import { progressChanged } from './progress-cache';

export function useEnrol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (courseId: string) => unwrap(api.POST('/api/courses/{id}/enrolments', { params: { path: { id: courseId } } })),
    // The course's lessons now carry the learner's progress; a new cycle (taking the course again)
    // starts with none done, so the course's outline is read again.
    onSuccess: (answer, courseId) =>
      Promise.all([
        progressChanged(client, answer),
        answer.enrolment.cycle > 1
          ? client.invalidateQueries({
              queryKey: courseKeys.all,
              predicate: (query) => (query.state.data as Course | undefined)?.id === courseId,
            })
          : undefined,
        client.invalidateQueries({
          queryKey: lessonKeys.all,
          predicate: (query) => (query.state.data as Lesson | undefined)?.courseId === courseId,
        }),
      ]),
  });
}
