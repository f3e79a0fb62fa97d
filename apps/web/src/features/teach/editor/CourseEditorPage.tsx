import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { useArchiveCourse, usePublishCourse } from '../../../api/courses/use-course-edits';
import { useCourse, type Course } from '../../../api/courses/use-course';
import { FormError } from '../../../components/FormError';
import { usePageTitle } from '../../../components/use-page-title';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { SettingsForm } from './SettingsForm';
import { Structure } from './Structure';
import { Trainers } from './Trainers';
import { useConfirm } from '../../../components/Feedback';
import { Loading } from '../../../components/Loading';

/** The course's status, and publishing or archiving it. */
function PublicationPanel({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const publish = usePublishCourse();
  const archive = useArchiveCourse();
  const confirm = useConfirm();
  const lessonCount = course.modules.reduce((sum, module) => sum + module.lessons.length, 0);
  const resetPublish = publish.reset;
  // "Add a lesson first" no longer applies once there is one.
  useEffect(() => resetPublish(), [lessonCount, resetPublish]);
  return (
    <div className="panel">
      <p>
        {t('editor.status')} <strong>{t(`courseStatuses.${course.status}`)}</strong>
      </p>
      <FormError error={publish.error ?? archive.error} />
      <p className="actions">
        {course.status !== 'published' && (
          <button type="button" disabled={publish.isPending} onClick={() => publish.mutate(course.id)}>
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
      </p>
    </div>
  );
}

/** Everything a course's trainers change: settings, modules and lessons, co-trainers, publication. */
export function CourseEditorPage() {
  const { t } = useTranslation('courses');
  const { courseId = '' } = useParams();
  const { data: course, error, isPending } = useCourse(courseId);
  usePageTitle(course?.canEdit ? t('editor.heading', { title: course.title }) : undefined);
  if (isPending) return <Loading />;
  if ((error instanceof ApiError && error.status === 404) || (course && !course.canEdit)) return <NotFoundPage />;
  if (!course) return <FormError error={error} />;

  return (
    <div className="editor">
      <p className="muted">
        <Link to="/teach">{t('teach.title')}</Link>
      </p>
      <h1>{t('editor.heading', { title: course.title })}</h1>
      <PublicationPanel course={course} />
      <Structure course={course} />
      <SettingsForm key={course.id} course={course} />
      <Trainers course={course} />
    </div>
  );
}
