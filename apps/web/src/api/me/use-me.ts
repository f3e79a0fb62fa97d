import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type User } from '../client';

export const meKeys = { all: ['me'] as const };

/**
 * The signed-in user, or null when nobody is. Asked of /api/auth/current, which answers a
 * signed-out visitor with 200 and null: /me's 401 would be logged to the console on every page.
 */
export const meQuery = queryOptions({
  queryKey: meKeys.all,
  queryFn: async (): Promise<User | null> => (await unwrap(api.GET('/api/auth/current'))).user,
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}
