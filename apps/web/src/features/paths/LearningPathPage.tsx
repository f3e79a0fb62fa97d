import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { learningPathKeys, useLearningPath, type LearningPath } from '../../api/learning-paths/use-learning-path';
import { useEnrol } from '../../api/learning/use-enrol';
import { useMe } from '../../api/me/use-me';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/use-page-title';
import { languageName, numberFormat } from '../../intl';
import { ProgressBar, SanitizedHtml, contentLang, useDuration } from '../courses/parts';
import { NotFoundPage } from '../shell/NotFoundPage';

type PathCourse = LearningPath['courses'][number];

/** Where the learner stands in one course of the path, and the one action that moves them on. */
function CourseStep({ path, course }: { path: LearningPath; course: PathCourse }) {
  const { t } = useTranslation('courses');
  const { data: user } = useMe();
  const enrol = useEnrol();
  const client = useQueryClient();
  const duration = useDuration();
  const learner = user?.status === 'active' && user.roles.includes('learner');
  let standing: string | null = null;
  if (course.completed) standing = t('paths.courseCompleted');
  else if (course.enrolment?.status === 'active') standing = t('paths.courseInProgress');
  else if (course.enrolment?.status === 'pending') standing = t('course.pending');
  return (
    <li className={course.completed ? 'done path-step' : 'path-step'}>
      <h3>
        <Link to={`/courses/${course.slug}`} {...contentLang(path.language)}>
          {course.title}
        </Link>
      </h3>
      <p {...contentLang(path.language)}>{course.summary}</p>
      <p className="muted">
        {duration(course.estimatedMinutes)}
        {standing && <> · {standing}</>}
      </p>
      {course.enrolment?.status === 'active' && <ProgressBar value={course.enrolment.progress} label={t('course.progress')} />}
      {learner && !course.enrolment && !course.completed && (
        <>
          <FormError error={enrol.error} />
          <button
            type="button"
            disabled={enrol.isPending}
            onClick={() => enrol.mutate(course.id, { onSuccess: () => void client.invalidateQueries({ queryKey: learningPathKeys.all }) })}
          >
            {t('paths.enrolInCourse')}
            <span className="visually-hidden"> {course.title}</span>
          </button>
        </>
      )}
    </li>
  );
}

/** A learning path: its courses in order, the caller's progress through each, and its certificate. */
export function LearningPathPage() {
  const { t, i18n } = useTranslation('courses');
  const duration = useDuration();
  const { idOrSlug = '' } = useParams();
  const { data: path, error, isPending } = useLearningPath(idOrSlug);
  usePageTitle(path?.title);
  if (isPending) return <Loading />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (!path) return <FormError error={error} />;
  const number = numberFormat(i18n.language);
  return (
    <article className="path-page">
      <header>
        <p className="muted">
          <Link to="/courses">{t('catalog.title')}</Link> · {t('paths.kind')}
        </p>
        <h1>
          <bdi {...contentLang(path.language)}>{path.title}</bdi>
        </h1>
        <p className="lead" {...contentLang(path.language)}>
          {path.summary}
        </p>
        <dl className="facts">
          <dt>{t('course.language')}</dt>
          <dd>{languageName(i18n.language, path.language)}</dd>
          <dt>{t('course.time')}</dt>
          <dd>{duration(path.estimatedMinutes)}</dd>
          <dt>{t('course.certificate')}</dt>
          <dd>{path.certificateEnabled ? t('paths.certificateOnCompletion') : t('paths.noCertificate')}</dd>
        </dl>
        {path.canEdit && (
          <p className="actions">
            <Link to={`/teach/paths/${path.id}`}>{t('paths.edit')}</Link>
          </p>
        )}
      </header>
      {path.progress && (
        <div className="panel">
          <ProgressBar
            value={path.progress.total ? Math.floor((path.progress.completed / path.progress.total) * 100) : 0}
            label={t('paths.progress')}
          />
          <p>{t('paths.completedOf', { completed: number.format(path.progress.completed), total: number.format(path.progress.total) })}</p>
          {path.certificate && (
            <p>
              {t('paths.certificateIssued', { serial: path.certificate.serial })}{' '}
              <Link to="/certificates">{t('paths.seeCertificates')}</Link>
            </p>
          )}
        </div>
      )}
      <section {...contentLang(path.language)}>
        <SanitizedHtml html={path.descriptionHtml} />
      </section>
      <section aria-labelledby="path-courses-heading">
        <h2 id="path-courses-heading">{t('paths.courses')}</h2>
        <ol className="path-steps">
          {path.courses.map((course) => (
            <CourseStep key={course.id} path={path} course={course} />
          ))}
        </ol>
      </section>
    </article>
  );
}
