import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { evaluationKeys } from './use-evaluation';

/** Saves the whole questionnaire; the answer is the questionnaire as it now is. */
export function useSaveEvaluation(courseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['EvaluationInputDto']) =>
      unwrap(api.PUT('/api/courses/{id}/evaluation', { params: { path: { id: courseId } }, body })),
    onSuccess: (evaluation) => {
      client.setQueryData(evaluationKeys.detail(courseId), evaluation);
      return client.invalidateQueries({ queryKey: evaluationKeys.results(courseId) });
    },
  });
}

/** Sends a learner's answers, once. */
export function useAnswerEvaluation(courseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['EvaluationResponseInputDto']) =>
      unwrap(api.POST('/api/courses/{id}/evaluation/responses', { params: { path: { id: courseId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: evaluationKeys.detail(courseId) }),
  });
}
