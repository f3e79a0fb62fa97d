import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { useArchiveCourse, usePublishCourse } from '../../../api/courses/use-course-edits';
import { useCourse, type Course } from '../../../api/courses/use-course';
import { FormError } from '../../../components/FormError';
import { usePageTitle } from '../../../components/use-page-title';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { CoverSection } from './CoverSection';
import { SettingsForm } from './SettingsForm';
import { Structure } from './Structure';
import { Trainers } from './Trainers';
import { LanguageVersions } from './LanguageVersions';
import { useConfirm, useToast } from '../../../components/Feedback';
import { UnsavedChangesGuard } from './SaveStatus';
import { Loading } from '../../../components/Loading';

interface CheckItem {
  key: string;
  ok: boolean;
  /** Publishing waits for it (the API refuses without it); the others are advice. */
  required: boolean;
  /** What it says, ready or not, and the link to where it is fixed on this page. */
  text: string;
  fix: { href: string; label: string };
}

/** What a course needs before it is published, and what learners would miss without. */
function checklist(course: Course, t: (key: string, options?: Record<string, unknown>) => string): CheckItem[] {
  const lessons = course.modules.reduce((sum, module) => sum + module.lessons.length, 0);
  const title = course.title.trim() !== '';
  const summary = course.summary.trim() !== '';
  const filled = course.modules.length > 0 && course.modules.every((module) => module.lessons.length > 0);
  const minutes = course.estimatedMinutes > 0;
  const certificate = course.certificate.enabled;
  return [
    {
      key: 'title',
      ok: title,
      required: true,
      text: title ? t('checklist.titleOk') : t('checklist.titleMissing'),
      fix: { href: '#fix-title', label: t('checklist.titleFix') },
    },
    {
      key: 'lesson',
      ok: lessons > 0,
      required: true,
      text: lessons > 0 ? t('checklist.lessonOk', { count: lessons }) : t('checklist.lessonMissing'),
      fix: { href: '#fix-modules', label: t('checklist.lessonFix') },
    },
    {
      key: 'summary',
      ok: summary,
      required: false,
      text: summary ? t('checklist.summaryOk') : t('checklist.summaryMissing'),
      fix: { href: '#fix-summary', label: t('checklist.summaryFix') },
    },
    {
      key: 'modules',
      ok: filled,
      required: false,
      text: filled ? t('checklist.modulesOk') : t('checklist.modulesMissing'),
      fix: { href: '#structure-heading', label: t('checklist.modulesFix') },
    },
    {
      key: 'minutes',
      ok: minutes,
      required: false,
      text: minutes ? t('checklist.minutesOk') : t('checklist.minutesMissing'),
      fix: { href: '#fix-minutes', label: t('checklist.minutesFix') },
    },
    {
      key: 'certificate',
      ok: certificate,
      required: false,
      text: certificate ? t('checklist.certificateOk') : t('checklist.certificateMissing'),
      fix: { href: '#fix-certificate', label: t('checklist.certificateFix') },
    },
  ];
}

/**
 * The course's status, and publishing or archiving it. Before publishing, a checklist says what is
 * ready and what is missing, each with a link to where it is fixed; Publish waits for what the API
 * requires (a title and at least one lesson), the rest is advice.
 */
function PublicationPanel({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const publish = usePublishCourse();
  const archive = useArchiveCourse();
  const confirm = useConfirm();
  const toast = useToast();
  const items = checklist(course, t);
  const ready = items.every((item) => item.ok || !item.required);
  const lessonCount = course.modules.reduce((sum, module) => sum + module.lessons.length, 0);
  const resetPublish = publish.reset;
  // "Add a lesson first" no longer applies once there is one.
  useEffect(() => resetPublish(), [lessonCount, resetPublish]);
  return (
    <div className="panel publication">
      <p>
        {t('editor.status')} <strong>{t(`courseStatuses.${course.status}`)}</strong>
      </p>
      {course.status !== 'published' && (
        <section aria-labelledby="checklist-heading">
          <h2 id="checklist-heading">{t('checklist.heading')}</h2>
          <ul className="checklist">
            {items.map((item) => (
              <li key={item.key} className={item.ok ? 'check-ok' : item.required ? 'check-missing' : 'check-advice'}>
                <span aria-hidden="true" className="check-mark">
                  {item.ok ? '✓' : item.required ? '✗' : '!'}
                </span>
                <span>
                  <span className="visually-hidden">
                    {item.ok ? t('checklist.ready') : item.required ? t('checklist.missing') : t('checklist.advised')}:{' '}
                  </span>
                  {item.text}
                  {!item.ok && (
                    <>
                      {' '}
                      <a
                        href={item.fix.href}
                        // What is folded away (a settings group) opens to show the field.
                        onClick={() => document.querySelector(item.fix.href)?.closest('details')?.setAttribute('open', '')}
                      >
                        {item.fix.label}
                      </a>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
          {!ready && <p className="muted">{t('checklist.blocked')}</p>}
        </section>
      )}
      <FormError error={publish.error ?? archive.error} />
      <p className="actions">
        {course.status !== 'published' && (
          <button
            type="button"
            disabled={publish.isPending || !ready}
            onClick={() => publish.mutate(course.id, { onSuccess: () => toast({ message: t('editor.publishedToast'), tone: 'success' }) })}
          >
            {t('editor.publish')}
          </button>
        )}
        {course.status === 'published' && (
          <button
            type="button"
            className="secondary"
            disabled={archive.isPending}
            onClick={async () => {
              if (await confirm({ title: t('editor.confirmArchive'), confirmLabel: t('editor.archive'), danger: true }))
                archive.mutate(course.id);
            }}
          >
            {t('editor.archive')}
          </button>
        )}
        <Link to={`/courses/${course.slug}`}>{t('editor.viewAsLearner')}</Link>
        <Link to={`/teach/${course.id}/learners`}>{t('course.learners')}</Link>
        <Link to={`/teach/${course.id}/evaluation`}>{t('evaluationEditor.link')}</Link>
      </p>
    </div>
  );
}

/** Everything a course's trainers change: settings, modules and lessons, co-trainers, language versions, publication. */
export function CourseEditorPage() {
  const { t } = useTranslation('courses');
  const { courseId = '' } = useParams();
  const { data: course, error, isPending } = useCourse(courseId);
  usePageTitle(course?.canEdit ? t('editor.heading', { title: course.title }) : undefined);
  if (isPending) return <Loading />;
  if ((error instanceof ApiError && error.status === 404) || (course && !course.canEdit)) return <NotFoundPage />;
  if (!course) return <FormError error={error} />;

  return (
    <UnsavedChangesGuard>
      <div className="editor">
        <p className="muted">
          <Link to="/teach">{t('teach.title')}</Link>
        </p>
        <h1>{t('editor.heading', { title: course.title })}</h1>
        <PublicationPanel course={course} />
        <Structure course={course} />
        <SettingsForm key={course.id} course={course} />
        <CoverSection course={course} />
        <Trainers course={course} />
        <LanguageVersions course={course} />
      </div>
    </UnsavedChangesGuard>
  );
}
