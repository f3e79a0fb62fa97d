import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const myCertificatesKeys = { all: ['certificates', 'mine'] as const };

export const myCertificatesQuery = queryOptions({
  queryKey: myCertificatesKeys.all,
  queryFn: () => unwrap(api.GET('/api/me/certificates')),
});

export function useMyCertificates() {
  return useQuery(myCertificatesQuery);
}
