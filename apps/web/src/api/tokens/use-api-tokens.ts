import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const apiTokensKeys = { all: ['api-tokens'] as const };

/** The signed-in admin's or focal point's personal API tokens (never the tokens themselves). */
export const apiTokensQuery = queryOptions({
  queryKey: apiTokensKeys.all,
  queryFn: () => unwrap(api.GET('/api/me/tokens')),
});

export function useApiTokens(enabled = true) {
  return useQuery({ ...apiTokensQuery, enabled });
}
