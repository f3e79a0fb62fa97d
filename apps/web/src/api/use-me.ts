import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas, type User } from './client';

export const meKey = ['me'] as const;

/** The signed-in user, or null when nobody is. */
export const meQuery = queryOptions({
  queryKey: meKey,
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

/** What was fetched for the previous user must not show for the next one. */
function forgetOtherUsersData(client: QueryClient) {
  return client.resetQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] && query.queryKey[0] !== 'member-states' });
}

export function useMe() {
  return useQuery(meQuery);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: ({ user }) => {
      client.setQueryData(meKey, user);
      void forgetOtherUsersData(client);
    },
  });
}

export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['RegisterDto']) => unwrap(api.POST('/api/auth/register', { body })),
    onSuccess: ({ user }) => client.setQueryData(meKey, user),
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    // A full load of the sign-in page: nothing of the signed-out user stays in memory.
    onSuccess: () => window.location.assign('/login'),
  });
}

/** The interface language, remembered in the profile of a signed-in user. */
export function useSaveLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Schemas['Locale']) => unwrap(api.PATCH('/api/auth/me', { body: { locale } })),
    onSuccess: ({ user }) => client.setQueryData(meKey, user),
  });
}
