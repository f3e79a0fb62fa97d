import { useQuery } from '@tanstack/react-query';
import { useMe } from '../api/me/use-me';
import { offlineSupported, savedCourses } from './saved-courses';

export const savedCoursesKeys = { all: ['offline', 'saved'] as const, of: (userId: string) => ['offline', 'saved', userId] as const };

/** The courses the signed-in user saved on this device, by course id. */
export function useSavedCourses() {
  const { data: user } = useMe();
  const userId = user?.id ?? '';
  return useQuery({
    queryKey: savedCoursesKeys.of(userId),
    queryFn: () => savedCourses(userId),
    enabled: Boolean(userId) && offlineSupported(),
    // Read from IndexedDB, not the network: works offline, and only changes through this device.
    networkMode: 'always',
    staleTime: Infinity,
  });
}
