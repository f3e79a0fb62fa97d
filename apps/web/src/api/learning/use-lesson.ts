import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type Lesson = Schemas['LessonDto'];

export const lessonKeys = {
  all: ['lessons'] as const,
  detail: (id: string) => [...lessonKeys.all, id] as const,
};

/** A lesson: for a learner with their progress, for its trainers with its Markdown and answers. */
export const lessonQuery = (id: string) =>
  queryOptions({
    queryKey: lessonKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/lessons/{id}', { params: { path: { id } } })),
  });

export function useLesson(id: string) {
  return useQuery(lessonQuery(id));
}
