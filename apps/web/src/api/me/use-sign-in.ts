import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { memberStatesKeys } from '../member-states/use-member-states';
import { meKeys } from './use-me';

/** What was fetched for the previous user must not show for the next one. */
function forgetOtherUsersData(client: QueryClient) {
  const keep = (key: readonly unknown[]) => key[0] === meKeys.all[0] && key.length === 1;
  return client.resetQueries({ predicate: (query) => !keep(query.queryKey) && query.queryKey[0] !== memberStatesKeys.all[0] });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: ({ user }) => {
      client.setQueryData(meKeys.all, user);
      void forgetOtherUsersData(client);
    },
  });
}

/**
 * Registers an official. The API answers the same whether or not the address already has an
 * account, and signs no one in: the applicant confirms the address from the mail, then logs in.
 */
export function useRegister() {
  return useMutation({
    mutationFn: async (body: Schemas['RegisterDto']) => {
      await unwrap(api.POST('/api/auth/register', { body }));
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    // A full load of the sign-in page: nothing of the signed-out user stays in memory.
    onSuccess: () => window.location.assign('/login'),
  });
}
