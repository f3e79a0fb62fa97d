import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson, type DeviceSessionList } from '../pending';
import { sessionsKeys } from './use-sessions';

/** The list without the sessions that were just ended, until the refetch confirms it. */
function keepOnly(client: ReturnType<typeof useQueryClient>, keep: (session: DeviceSessionList['items'][number]) => boolean) {
  client.setQueryData<DeviceSessionList>(sessionsKeys.all, (list) => {
    if (!list) return list;
    const items = list.items.filter(keep);
    return { items, total: list.total - (list.items.length - items.length) };
  });
  return client.invalidateQueries({ queryKey: sessionsKeys.all });
}

/** Signs one other device out. */
export function useSignOutDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: (_nothing, id) => keepOnly(client, (session) => session.id !== id),
  });
}

/** Signs every device but this one out. */
export function useSignOutOtherDevices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<void>('POST', '/api/auth/sessions/revoke-others'),
    onSuccess: () => keepOnly(client, (session) => session.current),
  });
}
