import { useSyncExternalStore } from 'react';
import { useMe } from '../api/me/use-me';
import { queueSnapshot, subscribeQueue, type QueuedWrite } from './queue';

/** The signed-in user's queue of offline writes, kept current. */
export function useQueue(): QueuedWrite[] {
  const { data: user } = useMe();
  const id = user?.id;
  return useSyncExternalStore(
    subscribeQueue,
    () => queueSnapshot(id),
    () => queueSnapshot(undefined),
  );
}
