import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from './client';

export function useMyCertificates() {
  return useQuery({ queryKey: ['me', 'certificates'], queryFn: () => unwrap(api.GET('/api/me/certificates')) });
}

/** The public check; a 404 or 429 is an answer to show, not a reason to retry. */
export function useVerification(code: string) {
  return useQuery({
    queryKey: ['verify', code],
    queryFn: () => unwrap(api.GET('/api/verify/{code}', { params: { path: { code } } })),
    retry: (count, error) => !(error instanceof ApiError && [404, 429].includes(error.status)) && count < 2,
  });
}

export function useRevokeCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/certificates/{id}/revoke', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['courses'] }),
  });
}
