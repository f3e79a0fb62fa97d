import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LearningPathSummary } from '../../api/learning-paths/use-learning-paths';
import { languageName, numberFormat } from '../../intl';
import { ProgressBar, contentLang, useDuration } from '../courses/parts';

/** A learning path as a card: title, summary, how many courses and how long; the caller's progress when given. */
export function PathCard({
  path,
  progress,
  heading = 'h3',
}: {
  path: LearningPathSummary;
  progress?: { completed: number; total: number };
  heading?: 'h2' | 'h3';
}) {
  const { t, i18n } = useTranslation('courses');
  const duration = useDuration();
  const number = numberFormat(i18n.language);
  const Heading = heading;
  return (
    <li className="card path-card">
      <p className="muted">{t('paths.kind')}</p>
      <Heading>
        <Link to={`/paths/${path.slug}`} {...contentLang(path.language)}>
          {path.title}
        </Link>
      </Heading>
      <p {...contentLang(path.language)}>{path.summary}</p>
      <p className="muted">
        {languageName(i18n.language, path.language)} · {t('paths.courseCount', { number: number.format(path.courseCount) })} ·{' '}
        {duration(path.estimatedMinutes)}
      </p>
      {progress && (
        <>
          <ProgressBar value={progress.total ? Math.floor((progress.completed / progress.total) * 100) : 0} label={t('paths.progress')} />
          <p className="muted">
            {t('paths.completedOf', { completed: number.format(progress.completed), total: number.format(progress.total) })}
          </p>
        </>
      )}
    </li>
  );
}
