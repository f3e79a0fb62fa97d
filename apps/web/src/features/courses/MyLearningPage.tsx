import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyEnrolments } from '../../api/use-courses';
import { FormError } from '../../components/FormError';
import { ProgressBar, contentLang } from './parts';

/** Every course the official is in, most recently active first. */
export function MyLearningPage() {
  const { t, i18n } = useTranslation('courses');
  const { data, isPending, error } = useMyEnrolments();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  if (isPending) return <p role="status">{t('common.loading')}</p>;
  return (
    <section>
      <h1>{t('learning.title')}</h1>
      <FormError error={error} />
      {data && data.items.length === 0 && (
        <p>
          {t('learning.empty')} <Link to="/courses">{t('learning.browse')}</Link>
        </p>
      )}
      <ul className="cards">
        {data?.items.map((enrolment) => (
          <li key={enrolment.id} className="card">
            <h2>
              <Link to={`/courses/${enrolment.course.slug}`} {...contentLang(enrolment.course.language)}>
                {enrolment.course.title}
              </Link>
            </h2>
            <p>
              {t(`enrolmentStatuses.${enrolment.status}`)}
              {enrolment.completedAt && <> · {t('learning.completedOn', { date: date.format(new Date(enrolment.completedAt)) })}</>}
              {enrolment.finalScore !== null && <> · {t('learning.finalScore', { score: enrolment.finalScore })}</>}
            </p>
            {enrolment.status !== 'pending' && <ProgressBar value={enrolment.progress} label={t('course.progress')} />}
            {enrolment.lastActivityAt && (
              <p className="muted">{t('learning.lastActivity', { date: date.format(new Date(enrolment.lastActivityAt)) })}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
