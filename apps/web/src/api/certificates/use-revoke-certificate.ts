import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { learnersKeys, type LearnerList } from '../enrolments/use-learners';

export function useRevokeCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/certificates/{id}/revoke', { params: { path: { id } }, body: { reason } })),
    // The learners table shows the certificate revoked (a certificate of participation has no course).
    onSuccess: (certificate) =>
      certificate.courseId &&
      client.setQueryData<LearnerList>(learnersKeys.list(certificate.courseId), (list) =>
        list
          ? {
              ...list,
              items: list.items.map((learner) =>
                learner.certificate?.id === certificate.id
                  ? { ...learner, certificate: { ...learner.certificate, revokedAt: certificate.revokedAt } }
                  : learner,
              ),
            }
          : list,
      ),
  });
}
