import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type Evaluation = Schemas['EvaluationDto'];

export const evaluationKeys = {
  all: ['courses', 'evaluation'] as const,
  detail: (courseId: string) => [...evaluationKeys.all, courseId] as const,
  results: (courseId: string) => [...evaluationKeys.all, courseId, 'results'] as const,
};

/** A course's evaluation items; for a learner, whether it is open to them and whether they answered. */
export const evaluationQuery = (courseId: string) =>
  queryOptions({
    queryKey: evaluationKeys.detail(courseId),
    queryFn: () => unwrap(api.GET('/api/courses/{id}/evaluation', { params: { path: { id: courseId } } })),
  });

export function useEvaluation(courseId: string | undefined, enabled = true) {
  return useQuery({ ...evaluationQuery(courseId ?? ''), enabled: enabled && Boolean(courseId) });
}
