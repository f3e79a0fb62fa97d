import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const sessionsKeys = { all: ['sessions'] as const };

/** The devices where the signed-in official is signed in, this one among them. */
export const sessionsQuery = queryOptions({
  queryKey: sessionsKeys.all,
  queryFn: () => unwrap(api.GET('/api/auth/sessions')),
});

export function useSessions() {
  return useQuery(sessionsQuery);
}
