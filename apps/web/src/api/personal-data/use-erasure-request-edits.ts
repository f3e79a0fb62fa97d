import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { myErasureKeys } from './use-my-erasure-requests';

/** Asks for the signed-in person's data to be erased. */
export function useRequestErasure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/erasure')),
    onSuccess: () => client.invalidateQueries({ queryKey: myErasureKeys.all }),
  });
}

/** Takes the open request back. */
export function useWithdrawErasure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/me/erasure/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: myErasureKeys.all }),
  });
}
