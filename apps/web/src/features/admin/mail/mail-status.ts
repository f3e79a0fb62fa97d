/** A message's status in words: sent over SMTP, kept in the database, or failed. */
export function mailStatusText(status: string, t: (key: string) => string): string {
  if (status === 'sent') return t('mail.status.sent');
  if (status === 'kept') return t('mail.status.kept');
  if (status === 'failed') return t('mail.status.failed');
  return status;
}
