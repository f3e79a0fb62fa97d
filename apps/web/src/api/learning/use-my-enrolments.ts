import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const myEnrolmentsKeys = { all: ['enrolments', 'mine'] as const };

/** Every course the official is in, most recently active first. */
export const myEnrolmentsQuery = queryOptions({
  queryKey: myEnrolmentsKeys.all,
  queryFn: () => unwrap(api.GET('/api/me/enrolments')),
});

export function useMyEnrolments() {
  return useQuery(myEnrolmentsQuery);
}
