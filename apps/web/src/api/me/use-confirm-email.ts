import { queryOptions, useQuery } from '@tanstack/react-query';
import { sendJson, type EmailConfirmed } from '../pending';
import { meKeys } from './use-me';

export const confirmEmailKeys = { all: ['confirm-email'] as const, one: (token: string) => [...confirmEmailKeys.all, token] as const };

/**
 * Confirms the address the link was sent to. A query keyed by the token, so that opening the page
 * (its loader, then the page, twice in development) asks the API once, and never again for the
 * same token: a second confirmation would only say the link is used.
 */
export const confirmEmailQuery = (token: string) =>
  queryOptions({
    queryKey: confirmEmailKeys.one(token),
    queryFn: async ({ client }) => {
      const answer = await sendJson<EmailConfirmed>('GET', `/api/auth/confirm-email?token=${encodeURIComponent(token)}`);
      // A signed-in official's account now says its address is confirmed.
      await client.invalidateQueries({ queryKey: meKeys.all });
      return answer;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

/** The confirmation of `token`; nothing is asked without one. */
export function useConfirmEmail(token: string) {
  return useQuery({ ...confirmEmailQuery(token), enabled: token !== '' });
}
