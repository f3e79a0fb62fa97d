import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAILED_JOBS_PAGE_SIZE, useFailedJobs } from '../../../api/admin/use-failed-jobs';
import { useRetryJob } from '../../../api/admin/use-retry-job';
import { AsyncTable } from '../../../components/Async';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { Pagination } from '../../../components/Pagination';
import { jobErrorText } from './job-error';
import { dateFormat, numberFormat } from '../../../intl';

/** The dead letters: jobs that failed every try, their last error, and a way to run one again. */
export function FailedJobs() {
  const { t, i18n } = useTranslation('admin');
  const [offset, setOffset] = useState(0);
  const jobs = useFailedJobs(FAILED_JOBS_PAGE_SIZE, offset);
  const retry = useRetryJob();
  /** The job last put back in its queue. */
  const [retried, setRetried] = useState<string>();
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = numberFormat(i18n.language);
  return (
    <section aria-labelledby="failed-jobs">
      <h2 id="failed-jobs">{t('jobs.title')}</h2>
      <p>{t('jobs.intro')}</p>
      <Notice message={retried ? t('jobs.retried', { job: retried }) : undefined} />
      <FormError error={retry.error} />
      <AsyncTable
        cardsOnPhones
        query={jobs}
        caption={t('jobs.title')}
        empty={t('jobs.empty')}
        columns={[t('jobs.job'), t('jobs.failedAt'), t('jobs.error'), t('jobs.retries'), t('jobs.actions')]}
        rowKey={(job) => job.id}
        row={(job) => (
          <>
            <th scope="row">
              <code>{job.name}</code>
            </th>
            <td>{when.format(new Date(job.failedAt ?? job.createdAt))}</td>
            <td>{jobErrorText(job.output) || t('jobs.noError')}</td>
            <td>{numbers.format(job.retryCount)}</td>
            <td>
              <button
                type="button"
                className="secondary"
                disabled={retry.isPending}
                onClick={() => retry.mutate(job.id, { onSuccess: () => setRetried(job.name) })}
              >
                {t('jobs.retry')}
                <span className="visually-hidden"> {job.name}</span>
              </button>
            </td>
          </>
        )}
      />
      {jobs.data && <Pagination total={jobs.data.total} limit={FAILED_JOBS_PAGE_SIZE} offset={offset} onChange={setOffset} />}
    </section>
  );
}
