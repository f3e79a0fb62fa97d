import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type LearnerList = Schemas['LearnerListDto'];

export const learnersKeys = {
  all: ['courses', 'learners'] as const,
  list: (courseId: string) => [...learnersKeys.all, courseId] as const,
};

/** A course's learners with their progress and certificates (its trainers, admins). */
export const learnersQuery = (courseId: string) =>
  queryOptions({
    queryKey: learnersKeys.list(courseId),
    queryFn: () =>
      unwrap(api.GET('/api/courses/{id}/enrolments', { params: { path: { id: courseId }, query: {} } })) as Promise<LearnerList>,
  });

export function useLearners(courseId: string) {
  return useQuery(learnersQuery(courseId));
}
