import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { lessonsInOrder, useCourse, type Course } from '../../api/courses/use-course';
import { useCompleteLesson } from '../../api/learning/use-complete-lesson';
import { useLesson, type Lesson } from '../../api/learning/use-lesson';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/use-page-title';
import { NotFoundPage } from '../shell/NotFoundPage';
import { CompletionPanel } from './CompletionPanel';
import { ModuleDisclosure, OutlineDisclosure } from './outline';
import { ProgressBar, SanitizedHtml, useDuration, contentLang } from './parts';
import { Quiz } from './Quiz';
import { QuizPurposeNote } from './QuizPurposeNote';
import { VideoLesson } from './VideoLesson';
import { numberFormat } from '../../intl';
import { useQueue } from '../../offline/use-queue';

function Outline({ course, currentId }: { course: Course; currentId: string }) {
  const { t, i18n } = useTranslation('courses');
  const all = lessonsInOrder(course);
  const position = all.findIndex((lesson) => lesson.id === currentId) + 1;
  const number = numberFormat(i18n.language);
  return (
    <nav className="lesson-outline" aria-label={t('lesson.outline')}>
      <p>
        <Link to={`/courses/${course.slug}`} {...contentLang(course.language)}>
          {course.title}
        </Link>
      </p>
      {course.enrolment && <ProgressBar value={course.enrolment.progress} label={t('course.progress')} />}
      <OutlineDisclosure
        summary={
          <>
            {t('lesson.outline')}
            {position > 0 && (
              <span className="muted">
                {' '}
                · {t('lesson.position', { number: number.format(position), total: number.format(all.length) })}
              </span>
            )}
          </>
        }
      >
        <ol>
          {course.modules.map((module) => (
            <li key={module.id}>
              <ModuleDisclosure
                title={module.title}
                language={course.language}
                current={module.lessons.some((lesson) => lesson.id === currentId)}
              >
                <ol>
                  {module.lessons.map((lesson) => (
                    <li key={lesson.id} className={lesson.completed ? 'done' : undefined}>
                      {lesson.locked ? (
                        <span {...contentLang(course.language)}>{lesson.title}</span>
                      ) : (
                        <Link
                          to={`/courses/${course.slug}/lessons/${lesson.id}`}
                          aria-current={lesson.id === currentId ? 'page' : undefined}
                          {...contentLang(course.language)}
                        >
                          {lesson.title}
                        </Link>
                      )}
                      {lesson.completed && <span className="visually-hidden"> ({t('course.lessonDone')})</span>}
                      {lesson.lockedBy && <span className="muted"> · {t('order.lockedUntil', { title: lesson.lockedBy.title })}</span>}
                    </li>
                  ))}
                </ol>
              </ModuleDisclosure>
            </li>
          ))}
        </ol>
      </OutlineDisclosure>
    </nav>
  );
}

function LessonContent({ lesson, language, preview }: { lesson: Lesson; language: string; preview: boolean }) {
  const { t, i18n } = useTranslation('courses');
  if (lesson.kind === 'video') return <VideoLesson lesson={lesson} language={language} />;
  if (lesson.kind === 'resource') {
    return (
      <>
        <SanitizedHtml html={lesson.bodyHtml} />
        {lesson.resource ? (
          <p>
            <a className="button" href={`/api/lessons/${lesson.id}/resource`} download>
              {t('lesson.download', { name: lesson.resource.fileName })}
            </a>{' '}
            <span className="muted">
              {numberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
                lesson.resource.size / 1024,
              )}
            </span>
          </p>
        ) : (
          <p className="muted">{t('lesson.noFile')}</p>
        )}
      </>
    );
  }
  if (lesson.kind === 'quiz' && lesson.quiz)
    return (
      <>
        <QuizPurposeNote quiz={lesson.quiz} />
        <Quiz key={lesson.id} lesson={lesson} language={language} preview={preview} />
      </>
    );
  return <SanitizedHtml html={lesson.bodyHtml} />;
}

/** The lesson player: the outline beside the lesson, "mark complete", previous and next. */
export function LessonPage() {
  const { t, i18n } = useTranslation('courses');
  const duration = useDuration();
  const { idOrSlug = '', lessonId = '' } = useParams();
  const course = useCourse(idOrSlug);
  const lesson = useLesson(lessonId);
  const complete = useCompleteLesson();
  const queue = useQueue();
  const heading = useRef<HTMLHeadingElement>(null);
  const celebration = useRef<HTMLHeadingElement>(null);
  usePageTitle(lesson.data?.title);

  // A new lesson moves focus to its title, as a page load would.
  useEffect(() => heading.current?.focus(), [lessonId, lesson.data?.id]);

  // The course completing under the learner's eyes (their last lesson done, their quiz passed)
  // earns the completion screen; a course finished on an earlier visit only a line saying so.
  const status = course.data?.enrolment?.status;
  const [seen, setSeen] = useState(status);
  // On the lesson that did it only: "Review the course" then reads the lessons without it.
  const [completedOn, setCompletedOn] = useState<string>();
  if (status !== seen) {
    setSeen(status);
    if (seen === 'active' && status === 'completed') setCompletedOn(lessonId);
  }
  const justCompleted = completedOn === lessonId;
  useEffect(() => {
    if (justCompleted) celebration.current?.focus();
  }, [justCompleted]);

  if (course.isPending || lesson.isPending) return <Loading />;
  const notFound = [course.error, lesson.error].some((e) => e instanceof ApiError && e.status === 404);
  if (notFound) return <NotFoundPage />;
  if (!course.data || !lesson.data) return <FormError error={course.error ?? lesson.error} />;

  const c = course.data;
  const l = lesson.data;
  const all = lessonsInOrder(c);
  const index = all.findIndex((x) => x.id === l.id);
  const previous = index > 0 ? all[index - 1] : undefined;
  const next = index >= 0 ? all[index + 1] : undefined;
  // Completed offline: done on this device, the platform told when the link returns.
  const waiting = queue.some((item) => item.lessonId === l.id && item.kind === 'complete' && item.state === 'waiting');
  const done = (l.progress?.completed ?? false) || waiting;
  const learner = Boolean(l.progress);
  const courseDone = c.enrolment?.status === 'completed';
  // Its trainers (and admins) read the lesson as a learner would, and write nothing.
  const preview = !learner && c.canEdit;

  return (
    <div className="player">
      <Outline course={c} currentId={l.id} />
      <article className="lesson" {...contentLang(c.language)}>
        <h1 ref={heading} tabIndex={-1}>
          {l.title}
        </h1>
        {/* The interface's own words inside the lesson keep the interface's language and direction. */}
        <p className="muted" {...contentLang(i18n.language)}>
          {t(`lessonKinds.${l.kind}`)}
          {l.estimatedMinutes > 0 && <> · {duration(l.estimatedMinutes)}</>}
        </p>
        {preview && (
          <div className="notice preview-banner" role="note" {...contentLang(i18n.language)}>
            <p>
              <strong>{t('preview.banner')}</strong> {t('preview.detail')}
            </p>
          </div>
        )}
        {courseDone && justCompleted && <CompletionPanel ref={celebration} course={c} />}
        {courseDone && !justCompleted && (
          <p className="notice success" role="status" {...contentLang(i18n.language)}>
            {t('lesson.courseCompleted')} <Link to={`/courses/${c.slug}`}>{t('lesson.seeCompletion')}</Link>
          </p>
        )}
        <LessonContent lesson={l} language={c.language} preview={preview} />
        <div className="lesson-actions" {...contentLang(i18n.language)}>
          {learner &&
            l.kind !== 'quiz' &&
            (done ? (
              <p className="done-mark" role="status">
                {waiting && !l.progress?.completed ? t('offline.doneWaiting') : t('lesson.completed')}
              </p>
            ) : (
              <button
                type="button"
                disabled={complete.isPending}
                onClick={() => complete.mutate({ id: l.id, courseId: c.id, title: l.title })}
              >
                {t('lesson.markComplete')}
              </button>
            ))}
          <FormError error={complete.error} />
          <p className="actions">
            {previous && <Link to={`/courses/${c.slug}/lessons/${previous.id}`}>{t('lesson.previous')}</Link>}
            {next && (
              <Link className={done ? 'button' : undefined} to={`/courses/${c.slug}/lessons/${next.id}`}>
                {t('lesson.next')}
              </Link>
            )}
          </p>
        </div>
      </article>
    </div>
  );
}
