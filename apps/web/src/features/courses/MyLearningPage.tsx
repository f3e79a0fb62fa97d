import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useMyEnrolments } from '../../api/learning/use-my-enrolments';
import { AsyncCards } from '../../components/Async';
import { usePageTitle } from '../../components/use-page-title';
import { ProgressBar, contentLang } from './parts';
import { RetakePanel } from './RetakePanel';
import { EmptyState } from '../../components/Loading';
import { dateFormat } from '../../intl';
import { MyPaths } from '../paths/MyPaths';
import { useSavedCourses } from '../../offline/use-saved-courses';

/** The earlier cycles of the enrolment (recertification), each with the certificate it earned. */
function PastCycles({ cycles }: { cycles: Schemas['PastCycleDto'][] }) {
  const { t, i18n } = useTranslation('courses');
  const date = dateFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <details className="past-cycles">
      <summary>{t('learning.pastCycles')}</summary>
      <ul>
        {cycles.map((cycle) => (
          <li key={cycle.cycle}>
            {t('learning.pastCycle', { cycle: cycle.cycle })} ·{' '}
            {cycle.completedAt
              ? t('learning.pastCompleted', { date: date.format(new Date(cycle.completedAt)) })
              : t('learning.pastNotCompleted')}
            {cycle.certificate && (
              <>
                {' '}
                · <bdi dir="ltr">{t('learning.pastCertificate', { serial: cycle.certificate.serial })}</bdi> ·{' '}
                {t(`certificateStatuses.${cycle.certificate.status}`)}
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function EnrolmentCard({ enrolment, saved }: { enrolment: Schemas['MyEnrolmentItemDto']; saved: boolean }) {
  const { t, i18n } = useTranslation('courses');
  const date = dateFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <>
      <h2>
        <Link to={`/courses/${enrolment.course.slug}`} {...contentLang(enrolment.course.language)}>
          {enrolment.course.title}
        </Link>
      </h2>
      <p>
        {t(`enrolmentStatuses.${enrolment.status}`)}
        {enrolment.cycle > 1 && <> · {t('learning.cycle', { cycle: enrolment.cycle })}</>}
        {enrolment.completedAt && <> · {t('learning.completedOn', { date: date.format(new Date(enrolment.completedAt)) })}</>}
        {enrolment.finalScore !== null && <> · {t('learning.finalScore', { score: enrolment.finalScore })}</>}
      </p>
      {saved && <p className="saved-offline">{t('offline.savedMark')}</p>}
      {enrolment.status !== 'pending' && <ProgressBar value={enrolment.progress} label={t('course.progress')} />}
      {enrolment.lastActivityAt && (
        <p className="muted">{t('learning.lastActivity', { date: date.format(new Date(enrolment.lastActivityAt)) })}</p>
      )}
      {enrolment.canRetake && <RetakePanel course={enrolment.course} />}
      {enrolment.pastCycles.length > 0 && <PastCycles cycles={enrolment.pastCycles} />}
    </>
  );
}

/** Every course the official is in, most recently active first. */
export function MyLearningPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('learning.title'));
  const enrolments = useMyEnrolments();
  const saved = useSavedCourses().data ?? {};
  return (
    <section>
      <h1>{t('learning.title')}</h1>
      <MyPaths />
      <AsyncCards
        query={enrolments}
        empty={
          <EmptyState title={t('learning.empty')}>
            <Link className="button" to="/courses">
              {t('learning.browse')}
            </Link>
          </EmptyState>
        }
        itemKey={(enrolment) => enrolment.id}
        card={(enrolment) => <EnrolmentCard enrolment={enrolment} saved={Boolean(saved[enrolment.courseId])} />}
      />
    </section>
  );
}
