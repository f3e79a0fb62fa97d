import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../client';

export const verificationKeys = {
  all: ['verify'] as const,
  code: (code: string) => [...verificationKeys.all, code] as const,
};

/** The public check; a 404 or 429 is an answer to show, not a reason to retry. */
export const verificationQuery = (code: string) =>
  queryOptions({
    queryKey: verificationKeys.code(code),
    queryFn: () => unwrap(api.GET('/api/verify/{code}', { params: { path: { code } } })),
    retry: (count, error) => !(error instanceof ApiError && [404, 429].includes(error.status)) && count < 2,
  });

export function useVerification(code: string) {
  return useQuery(verificationQuery(code));
}
