import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, send, unwrap, type Schemas } from '../client';
import { learnersKeys, type LearnerList } from './use-learners';

export function useDecideEnrolment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      decision === 'approve'
        ? unwrap(api.POST('/api/enrolments/{id}/approve', { params: { path: { id } } }))
        : unwrap(api.POST('/api/enrolments/{id}/reject', { params: { path: { id } } })),
    // The answer is the enrolment as it now is: its row in the learners table changes.
    onSuccess: ({ enrolment }) =>
      client.setQueryData<LearnerList>(learnersKeys.list(enrolment.courseId), (list) =>
        list
          ? {
              ...list,
              items: list.items.map((learner) =>
                learner.id === enrolment.id
                  ? {
                      ...learner,
                      status: enrolment.status,
                      progress: enrolment.progress,
                      completedAt: enrolment.completedAt,
                      lastActivityAt: enrolment.lastActivityAt,
                    }
                  : learner,
              ),
            }
          : list,
      ),
  });
}

export function useBulkEnrol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, csv }: { courseId: string; csv: string }) =>
      send<Schemas['BulkEnrolmentReportDto']>(`/api/courses/${encodeURIComponent(courseId)}/enrolments/bulk`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: csv,
      }),
    onSuccess: (_, { courseId }) => client.invalidateQueries({ queryKey: learnersKeys.list(courseId) }),
  });
}
