import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap, type User } from '../client';

export const meKeys = { all: ['me'] as const };

/** The signed-in user, or null when nobody is. */
export const meQuery = queryOptions({
  queryKey: meKeys.all,
  queryFn: async (): Promise<User | null> => {
    try {
      return (await unwrap(api.GET('/api/auth/me'))).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}
