import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { learnersKeys, type LearnerList } from '../enrolments/use-learners';

type Certificate = Schemas['CertificateDto'];

/** The learners table shows the certificate as it now is (a certificate of participation has no course). */
function showInLearners(client: QueryClient, certificate: Certificate) {
  return (
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
    )
  );
}

export function useRevokeCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/certificates/{id}/revoke', { params: { path: { id } }, body: { reason } })),
    onSuccess: (certificate) => showInLearners(client, certificate),
  });
}

/** Takes a revocation back (the Undo of the revocation's toast): the certificate is valid again. */
export function useReinstateCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/certificates/{id}/reinstate', { params: { path: { id } } })),
    onSuccess: (certificate) => showInLearners(client, certificate),
  });
}
