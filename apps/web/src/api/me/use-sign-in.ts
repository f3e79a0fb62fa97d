import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas, type User } from '../client';
import { memberStatesKeys } from '../member-states/use-member-states';
import { meKeys, type MfaStatus } from './use-me';

/** What was fetched for the previous user must not show for the next one. */
function forgetOtherUsersData(client: QueryClient) {
  // Who is signed in, and their MFA status, were just set from the answer.
  const keep = (key: readonly unknown[]) => key[0] === meKeys.all[0];
  return client.resetQueries({ predicate: (query) => !keep(query.queryKey) && query.queryKey[0] !== memberStatesKeys.all[0] });
}

/** The user is signed in: remember who, and forget whatever the previous user left. */
function signedIn(client: QueryClient, answer: { user: User; mfa: MfaStatus }) {
  client.setQueryData(meKeys.all, answer.user);
  client.setQueryData(meKeys.mfa, answer.mfa);
  void forgetOtherUsersData(client);
}

/** Email and password: signed in, or (`mfaRequired`) waiting for the code of useVerifyMfa. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: ({ user, mfa }) => {
      if (user && mfa) signedIn(client, { user, mfa });
    },
  });
}

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export function useVerifyMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/mfa/verify', { body: { code } })),
    onSuccess: (answer) => signedIn(client, answer),
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
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/api/auth/logout'));
      // The courses this user saved on the device, and their queue, leave with them.
      const userId = client.getQueryData<User | null>(meKeys.all)?.id;
      if (userId) await (await import('../../offline/saved-courses')).forgetUser(userId).catch(() => undefined);
    },
    // A full load of the sign-in page: nothing of the signed-out user stays in memory.
    onSuccess: () => window.location.assign('/login'),
  });
}
