import { useMutation, useQueryClient } from '@tanstack/react-query';
import { send, type Schemas } from '../client';
import { participantsChanged } from './use-participant-edits';

export type ImportReport = Schemas['ParticipantsImportReportDto'];

/**
 * An attendance list (CSV or XLSX) for an activity. A dry run says what the file would do and
 * writes nothing; the real import writes the rows that are valid.
 */
export function useImportParticipants(activityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      const query = dryRun ? '?dryRun=true' : '';
      return send<ImportReport>(`/api/activities/${encodeURIComponent(activityId)}/participants/import${query}`, {
        method: 'POST',
        body: form,
      });
    },
    onSuccess: (_, { dryRun }) => (dryRun ? undefined : participantsChanged(client, activityId)),
  });
}
