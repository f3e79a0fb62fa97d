import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type LearningPath = Schemas['LearningPathDto'];

export const learningPathKeys = {
  all: ['learning-paths', 'one'] as const,
  detail: (idOrSlug: string) => [...learningPathKeys.all, idOrSlug] as const,
};

/** A path with its courses in order and the caller's progress through each. */
export const learningPathQuery = (idOrSlug: string) =>
  queryOptions({
    queryKey: learningPathKeys.detail(idOrSlug),
    queryFn: () => unwrap(api.GET('/api/learning-paths/{idOrSlug}', { params: { path: { idOrSlug } } })),
  });

export function useLearningPath(idOrSlug: string) {
  return useQuery(learningPathQuery(idOrSlug));
}
