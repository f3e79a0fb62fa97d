import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const myLearningPathsKeys = {
  all: ['learning-paths', 'me'] as const,
};

/** The paths the learner started or completed, with their progress and certificate. */
export const myLearningPathsQuery = queryOptions({
  queryKey: myLearningPathsKeys.all,
  queryFn: () => unwrap(api.GET('/api/me/learning-paths')),
});

export function useMyLearningPaths() {
  return useQuery(myLearningPathsQuery);
}
