import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const trainersKeys = {
  all: ['courses', 'trainers'] as const,
  list: (courseId: string) => [...trainersKeys.all, courseId] as const,
};

/** A course's owner and co-trainers. */
export const trainersQuery = (courseId: string) =>
  queryOptions({
    queryKey: trainersKeys.list(courseId),
    queryFn: () => unwrap(api.GET('/api/courses/{id}/trainers', { params: { path: { id: courseId } } })),
  });

export function useTrainers(courseId: string) {
  return useQuery(trainersQuery(courseId));
}
