import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';
import { FailedJobs } from './FailedJobs';
import { MailList } from './MailList';
import { MailReader } from './MailReader';

/** What the platform mailed or kept, one message read at a time, and the jobs that failed. */
export function AdminMailPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('mail.title'));
  const [reading, setReading] = useState<string>();
  return (
    <section>
      <h1>{t('mail.title')}</h1>
      <p>{t('mail.intro')}</p>
      <MailList reading={reading} onRead={setReading} />
      {reading && <MailReader key={reading} id={reading} onClose={() => setReading(undefined)} />}
      <FailedJobs />
    </section>
  );
}
