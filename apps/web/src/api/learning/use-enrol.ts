import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { courseKeys, type Course } from '../courses/use-course';
import { lessonKeys, type Lesson } from './use-lesson';
import { progressChanged } from './progress-cache';

export function useEnrol() {
  const client = useQueryClient();
  const familyOf = (courseId: string) =>
    client
      .getQueriesData<Course>({ queryKey: courseKeys.all })
      .map(([, course]) => course)
      .find((course) => course?.id === courseId)?.familyId;
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
        // The course's other language versions say which one the learner takes ("You are taking this course in …").
        client.invalidateQueries({
          queryKey: courseKeys.all,
          predicate: (query) => {
            const cached = query.state.data as Course | undefined;
            return cached !== undefined && cached.id !== courseId && cached.familyId === familyOf(courseId);
          },
        }),
        client.invalidateQueries({
          queryKey: lessonKeys.all,
          predicate: (query) => (query.state.data as Lesson | undefined)?.courseId === courseId,
        }),
      ]),
  });
}
