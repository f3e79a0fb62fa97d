import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { evaluationKeys } from './use-evaluation';

/** The results for the course's trainers: nothing but the items below five responses. */
export const evaluationResultsQuery = (courseId: string) =>
  queryOptions({
    queryKey: evaluationKeys.results(courseId),
    queryFn: () => unwrap(api.GET('/api/courses/{id}/evaluation/results', { params: { path: { id: courseId } } })),
  });

export function useEvaluationResults(courseId: string) {
  return useQuery(evaluationResultsQuery(courseId));
}
