import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { sessionsKeys } from './use-sessions';

type Session = Schemas['SessionDto'];

/** The list without the sessions just ended at once; the refetch confirms it. */
function keepOnly(client: QueryClient, keep: (session: Session) => boolean) {
  client.setQueryData<Schemas['SessionListDto']>(sessionsKeys.all, (list) => {
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
    mutationFn: (id: string) => unwrap(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
    onSuccess: (_nothing, id) => keepOnly(client, (session) => session.id !== id),
  });
}

/** Signs every device but this one out. */
export function useSignOutOtherDevices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/sessions/revoke-others')),
    onSuccess: () => keepOnly(client, (session) => session.current),
  });
}
