import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type LearningPathSummary = Schemas['LearningPathSummaryDto'];

export const learningPathsKeys = {
  all: ['learning-paths', 'catalog'] as const,
};

/** Published learning paths, newest first (the catalog shows the first page). */
export const learningPathsQuery = queryOptions({
  queryKey: learningPathsKeys.all,
  queryFn: () => unwrap(api.GET('/api/learning-paths', { params: { query: { limit: 100, offset: 0 } } })),
});

export function useLearningPaths() {
  return useQuery(learningPathsQuery);
}
