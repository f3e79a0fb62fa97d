import { useMutation, useQueryClient } from '@tanstack/react-query';
import { send, type Schemas } from '../client';
import { activitiesKeys } from './use-activities';

export type ActivitiesImportReport = Schemas['ActivitiesImportReportDto'];

/** Where the workbook to fill in is downloaded (a plain link: the browser keeps the session cookie). */
export const ACTIVITIES_TEMPLATE_URL = '/api/activities/import/template';

/**
 * Past activities and their attendance from one workbook (admins). A dry run says what it would
 * do and writes nothing; the real import writes the valid rows, and the activities lists are
 * fetched again.
 */
export function useImportActivities() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return send<ActivitiesImportReport>(`/api/activities/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form });
    },
    onSuccess: (_, { dryRun }) => (dryRun ? undefined : client.invalidateQueries({ queryKey: activitiesKeys.all })),
  });
}
