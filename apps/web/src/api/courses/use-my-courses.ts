import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const myCoursesKeys = { all: ['courses', 'mine'] as const };

/** The courses a trainer owns or co-trains (every course for an admin). */
export const myCoursesQuery = queryOptions({
  queryKey: myCoursesKeys.all,
  queryFn: () => unwrap(api.GET('/api/courses/mine')),
});

export function useMyCourses(enabled = true) {
  return useQuery({ ...myCoursesQuery, enabled });
}
