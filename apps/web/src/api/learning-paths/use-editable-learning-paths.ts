import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const editableLearningPathsKeys = {
  all: ['learning-paths', 'editable'] as const,
};

/** The paths a trainer owns (an admin: every path), any status. */
export const editableLearningPathsQuery = queryOptions({
  queryKey: editableLearningPathsKeys.all,
  queryFn: () => unwrap(api.GET('/api/learning-paths/mine')),
});

export function useEditableLearningPaths() {
  return useQuery(editableLearningPathsQuery);
}
