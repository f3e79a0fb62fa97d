import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type QuestionBank = Schemas['QuestionBankDto'];

export const questionBankKeys = {
  all: ['question-bank'] as const,
  detail: (courseId: string, topic: string) => [...questionBankKeys.all, courseId, topic] as const,
};

/** Every question of every quiz of a course, with their answers, and the course's topics (its trainers only). */
export const questionBankQuery = (courseId: string, topic = '') =>
  queryOptions({
    queryKey: questionBankKeys.detail(courseId, topic),
    queryFn: () => unwrap(api.GET('/api/courses/{id}/questions', { params: { path: { id: courseId }, query: topic ? { topic } : {} } })),
  });

export function useQuestionBank(courseId: string, topic = '', enabled = true) {
  return useQuery({ ...questionBankQuery(courseId, topic), enabled });
}
