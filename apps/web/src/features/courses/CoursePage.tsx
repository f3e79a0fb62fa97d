import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { lessonsInOrder, useCourse, type Course } from '../../api/courses/use-course';
import { useEnrol } from '../../api/learning/use-enrol';
import { useMe } from '../../api/me/use-me';
import { FormError } from '../../components/FormError';
import { TopicChips } from '../../components/Topics';
import { usePageTitle } from '../../components/use-page-title';
import { languageName, numberFormat } from '../../intl';
import { NotFoundPage } from '../shell/NotFoundPage';
import { CompletionPanel } from './CompletionPanel';
import { RetakePanel } from './RetakePanel';
import { ModuleDisclosure, OutlineDisclosure } from './outline';
import { ProgressBar, SanitizedHtml, useDuration, contentLang } from './parts';
import { Loading } from '../../components/Loading';
import { CourseCover } from './CourseCover';
import { CourseVersionsNote } from './versions';
import { SaveOffline } from './SaveOffline';
import { useQueue } from '../../offline/use-queue';

/** The first lesson not yet done, or the first lesson. */
export function resumeLesson(course: Course) {
  const lessons = lessonsInOrder(course);
  return lessons.find((lesson) => !lesson.completed) ?? lessons[0];
}

function EnrolPanel({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const { data: user } = useMe();
  const enrol = useEnrol();
  const navigate = useNavigate();
  const enrolment = course.enrolment;
  const next = resumeLesson(course);

  // Nothing left to resume: what a finished course offers is its certificate and what to take next.
  if (enrolment?.status === 'completed') {
    return (
      <>
        {enrolment.canRetake && <RetakePanel course={course} />}
        <CompletionPanel course={course} />
      </>
    );
  }
  if (enrolment?.status === 'active') {
    return (
      <div className="panel">
        <ProgressBar value={enrolment.progress} label={t('course.progress')} />
        <p>{t('course.enrolled')}</p>
        {next && (
          <Link className="button" to={`/courses/${course.slug}/lessons/${next.id}`}>
            {enrolment.progress > 0 ? t('course.resume') : t('course.start')}
          </Link>
        )}
      </div>
    );
  }
  if (enrolment?.status === 'pending') return <p className="panel">{t('course.pending')}</p>;
  if (enrolment?.status === 'rejected') return <p className="panel">{t('course.rejected')}</p>;
  if (!user) {
    const back = encodeURIComponent(`/courses/${course.slug}`);
    return (
      <div className="panel call-to-action">
        <p>{t('course.joinPrompt')}</p>
        <p className="actions">
          <Link className="button" to={`/login?next=${back}`}>
            {t('course.logIn')}
          </Link>
          <Link className="button secondary" to={`/register?next=${back}`}>
            {t('course.register')}
          </Link>
        </p>
      </div>
    );
  }
  // The API refuses enrolment until the registration is approved: say so instead of a button that fails.
  if (user.status === 'pending') return <p className="panel">{t('course.awaitingVetting')}</p>;
  if (user.status !== 'active') {
    return (
      <p className="panel">
        {t('course.notApproved')} <Link to="/pending">{t('course.whyNotApproved')}</Link>
      </p>
    );
  }
  if (course.enrolmentPolicy === 'invitation') return <p className="panel">{t('course.invitationOnly')}</p>;
  if (!user.roles.includes('learner')) return null;
  // The API answers prerequisites_missing until each is completed: say what is left instead of a button that fails.
  if (course.prerequisites.some((p) => p.completed === false)) return <p className="panel">{t('order.prerequisitesFirst')}</p>;
  return (
    <div className="panel">
      <p>{course.enrolmentPolicy === 'approval' ? t('course.approvalNeeded') : t('course.openToYou')}</p>
      <FormError error={enrol.error} />
      <button
        type="button"
        disabled={enrol.isPending}
        onClick={() =>
          enrol.mutate(course.id, {
            onSuccess: ({ enrolment: e }) => {
              if (e.status === 'active' && next) void navigate(`/courses/${course.slug}/lessons/${next.id}`);
            },
          })
        }
      >
        {course.enrolmentPolicy === 'approval' ? t('course.requestEnrol') : t('course.enrol')}
      </button>
    </div>
  );
}

/** The courses to complete before this one, each with the caller's standing in it and a link to it. */
function Prerequisites({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  return (
    <section aria-labelledby="prerequisites-heading" className="prerequisites">
      <h2 id="prerequisites-heading">{t('order.prerequisites')}</h2>
      <ul>
        {course.prerequisites.map((prerequisite) => (
          <li key={prerequisite.id} className={prerequisite.completed ? 'done' : undefined}>
            <Link to={`/courses/${prerequisite.slug}`}>
              <bdi>{prerequisite.title}</bdi>
            </Link>
            {prerequisite.completed !== undefined && (
              <span className="muted"> · {prerequisite.completed ? t('order.prerequisiteDone') : t('order.prerequisiteToDo')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A course's description, outline and how to join it. */
export function CoursePage() {
  const { t, i18n } = useTranslation('courses');
  const duration = useDuration();
  const { idOrSlug = '' } = useParams();
  const { data: course, error, isPending } = useCourse(idOrSlug);
  const queue = useQueue();
  usePageTitle(course?.title);
  if (isPending) return <Loading />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (!course) return <FormError error={error} />;
  const enrolled = course.enrolment?.status === 'active' || course.enrolment?.status === 'completed';
  const number = numberFormat(i18n.language);
  const waiting = new Set(queue.filter((item) => item.state === 'waiting' && item.kind === 'complete').map((item) => item.lessonId));
  // The module a phone keeps open: where the learner would resume, or the first for anyone else.
  const resumeAt = course.enrolment?.status === 'active' ? resumeLesson(course) : undefined;
  // The reason is said once, at the first locked lesson; the ones after it are simply locked.
  const firstLockedId = lessonsInOrder(course).find((lesson) => lesson.locked)?.id;
  const currentModuleId = course.modules.find((m) => resumeAt && m.lessons.some((l) => l.id === resumeAt.id))?.id ?? course.modules[0]?.id;

  return (
    <article className="course-page">
      <header>
        <p className="muted">
          <Link to="/courses">{t('catalog.title')}</Link>
        </p>
        {course.cover && (
          <CourseCover course={course} sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" eager className="course-page-cover" />
        )}
        <h1>
          <bdi {...contentLang(course.language)}>{course.title}</bdi>
        </h1>
        <p className="lead" {...contentLang(course.language)}>
          {course.summary}
        </p>
        <dl className="facts">
          <dt>{t('course.language')}</dt>
          <dd>{languageName(i18n.language, course.language)}</dd>
          <dt>{t('course.time')}</dt>
          <dd>{duration(course.estimatedMinutes)}</dd>
          {course.topics.length > 0 && (
            <>
              <dt>{t('common.topics')}</dt>
              <dd>
                <TopicChips topics={course.topics} />
              </dd>
            </>
          )}
          <dt>{t('course.enrolment')}</dt>
          <dd>{t(`enrolmentPolicies.${course.enrolmentPolicy}`)}</dd>
          {course.certificate.enabled && (
            <>
              <dt>{t('course.certificate')}</dt>
              <dd>
                {course.certificate.validityMonths
                  ? t('course.certificateValidFor', { months: course.certificate.validityMonths })
                  : t('course.certificateNoExpiry')}
              </dd>
            </>
          )}
        </dl>
        {course.canEdit && (
          <p className="actions">
            <Link to={`/teach/${course.id}`}>{t('course.edit')}</Link>
            <Link to={`/teach/${course.id}/learners`}>{t('course.learners')}</Link>
          </p>
        )}
      </header>
      <CourseVersionsNote courseId={course.id} versions={course.versions} />
      {course.prerequisites.length > 0 && <Prerequisites course={course} />}
      <EnrolPanel course={course} />
      {enrolled && <SaveOffline course={course} />}
      <section {...contentLang(course.language)}>
        <SanitizedHtml html={course.descriptionHtml} />
      </section>
      <section aria-labelledby="outline-heading">
        <h2 id="outline-heading">{t('course.outline')}</h2>
        <OutlineDisclosure
          summary={t('course.outlineSummary', {
            modules: number.format(course.modules.length),
            lessons: number.format(lessonsInOrder(course).length),
          })}
        >
          <ol className="outline">
            {course.modules.map((module) => (
              <li key={module.id}>
                <ModuleDisclosure title={module.title} language={course.language} current={module.id === currentModuleId}>
                  <ol>
                    {module.lessons.map((lesson) => (
                      <li key={lesson.id} className={lesson.completed ? 'done' : undefined}>
                        {lesson.locked ? (
                          <span {...contentLang(course.language)}>{lesson.title}</span>
                        ) : enrolled || course.canEdit ? (
                          <Link to={`/courses/${course.slug}/lessons/${lesson.id}`} {...contentLang(course.language)}>
                            {lesson.title}
                          </Link>
                        ) : (
                          <span {...contentLang(course.language)}>{lesson.title}</span>
                        )}{' '}
                        <span className="muted">
                          {t(`lessonKinds.${lesson.kind}`)}
                          {lesson.estimatedMinutes > 0 && <> · {duration(lesson.estimatedMinutes)}</>}
                          {!lesson.required && <> · {t('course.optional')}</>}
                          {lesson.completed && <> · {t('course.lessonDone')}</>}
                          {!lesson.completed && waiting.has(lesson.id) && <> · {t('offline.doneWaiting')}</>}
                          {lesson.lockedBy &&
                            (lesson.id === firstLockedId ? (
                              <> · {t('order.lockedUntil', { title: lesson.lockedBy.title })}</>
                            ) : (
                              <> · {t('order.locked')}</>
                            ))}
                        </span>
                      </li>
                    ))}
                  </ol>
                </ModuleDisclosure>
              </li>
            ))}
          </ol>
        </OutlineDisclosure>
      </section>
    </article>
  );
}
