import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type OrganiserCandidate = Schemas['OrganiserCandidateDto'];

export const organiserCandidatesKeys = {
  all: ['activities', 'organiser-candidates'] as const,
  search: (q: string) => [...organiserCandidatesKeys.all, q] as const,
};

/** Active trainers whose name or email matches `q` (two characters at least), to name as co-organisers. */
export const organiserCandidatesQuery = (q: string) =>
  queryOptions({
    queryKey: organiserCandidatesKeys.search(q),
    queryFn: () => unwrap(api.GET('/api/activities/organiser-candidates', { params: { query: { q } } })),
    placeholderData: keepPreviousData,
  });

export function useOrganiserCandidates(q: string) {
  return useQuery({ ...organiserCandidatesQuery(q), enabled: q.trim().length >= 2 });
}
