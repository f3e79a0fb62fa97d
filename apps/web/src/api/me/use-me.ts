import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas, type User } from '../client';

export const meKeys = { all: ['me'] as const, mfa: ['me', 'mfa'] as const };

export type MfaStatus = Schemas['MfaStatusDto'];

/** Asks who is signed in; the answer's MFA status is kept too, so useMfa needs no request of its own. */
async function current(client: QueryClient) {
  const answer = await unwrap(api.GET('/api/auth/current'));
  client.setQueryData(meKeys.mfa, answer.mfa);
  return answer;
}

/**
 * The signed-in user, or null when nobody is. Asked of /api/auth/current, which answers a
 * signed-out visitor with 200 and null: /me's 401 would be logged to the console on every page.
 */
export const meQuery = queryOptions({
  queryKey: meKeys.all,
  queryFn: async ({ client }): Promise<User | null> => (await current(client)).user,
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

/** Where the signed-in user stands with two-step sign-in (null: nobody signed in). */
export const mfaQuery = queryOptions({
  queryKey: meKeys.mfa,
  queryFn: async ({ client }): Promise<MfaStatus | null> => {
    const answer = await current(client);
    client.setQueryData(meKeys.all, answer.user);
    return answer.mfa;
  },
  staleTime: 60_000,
});

export function useMfa() {
  return useQuery(mfaQuery);
}
