import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type ItemAnalysis = Schemas['ItemAnalysisDto'];

export const itemAnalysisKeys = {
  all: ['item-analysis'] as const,
  detail: (lessonId: string) => [...itemAnalysisKeys.all, lessonId] as const,
};

/** A quiz's questions measured over each learner's first attempt (its trainers only). */
export const itemAnalysisQuery = (lessonId: string) =>
  queryOptions({
    queryKey: itemAnalysisKeys.detail(lessonId),
    queryFn: () => unwrap(api.GET('/api/lessons/{id}/item-analysis', { params: { path: { id: lessonId } } })),
  });

export function useItemAnalysis(lessonId: string) {
  return useQuery(itemAnalysisQuery(lessonId));
}
