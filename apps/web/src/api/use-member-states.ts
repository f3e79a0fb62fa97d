import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale } from '@ctlp/contracts';
import { api, unwrap } from './client';

export const memberStatesQuery = (locale: Locale) =>
  queryOptions({
    queryKey: ['member-states', locale],
    queryFn: async () => (await unwrap(api.GET('/api/member-states', { params: { query: { locale } } }))).items,
    staleTime: Infinity,
  });

/** The 195 States with names in the interface language, sorted in that language. */
export function useMemberStates(locale: Locale) {
  return useQuery(memberStatesQuery(locale));
}
