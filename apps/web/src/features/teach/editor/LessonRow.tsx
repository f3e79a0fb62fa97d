import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LessonKind } from '@ctlp/contracts';
import type { Course } from '../../../api/courses/use-course';
import { useDeleteLesson } from '../../../api/courses/use-lesson-edits';
import { FormError } from '../../../components/FormError';
import { useDuration } from '../../courses/parts';
import type { LessonDialogTarget } from './LessonDialog';
import { DeleteMenuItem, RowMenu } from './RowMenu';
import type { Mover } from './Structure';

type Module = Course['modules'][number];

/** A glyph per kind, beside its name (the name is what is read out). */
const KIND_ICONS: Record<LessonKind, string> = { text: '¶', video: '▶', quiz: '?', resource: '⎘' };

interface LessonRowProps {
  modules: Module[];
  module: Module;
  index: number;
  mover: Mover;
  onOpenLesson: (target: LessonDialogTarget) => void;
}

/**
 * A lesson on one line: its kind, title and time, Edit, and a menu to move it (within its module
 * or to another) or delete it. It can also be dragged onto another lesson's place.
 */
export function LessonRow({ modules, module, index, mover, onOpenLesson }: LessonRowProps) {
  const { t } = useTranslation('courses');
  const remove = useDeleteLesson();
  const duration = useDuration();
  const lesson = module.lessons[index]!;
  const { courseId = '' } = useParams();

  return (
    <li
      className="lesson-row"
      draggable
      {...mover.dragSource('lesson', lesson.id, lesson.title)}
      {...mover.dropTarget('lesson', (id) => mover.lesson(id, module.id, index))}
    >
      <span className="grip" aria-hidden="true">
        ⠿
      </span>
      <span className={`kind-icon kind-${lesson.kind}`} aria-hidden="true">
        {KIND_ICONS[lesson.kind]}
      </span>
      <span className="lesson-title">{lesson.title}</span>
      <span className="muted lesson-facts">
        {t(`lessonKinds.${lesson.kind}`)}
        {lesson.estimatedMinutes > 0 && <> · {duration(lesson.estimatedMinutes)}</>}
        {!lesson.required && <> · {t('course.optional')}</>}
      </span>
      <span className="row-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => onOpenLesson({ mode: 'edit', lessonId: lesson.id, title: lesson.title })}
        >
          {t('editor.edit')}
          <span className="visually-hidden"> {lesson.title}</span>
        </button>
        <RowMenu label={t('editor.lessonActions', { title: lesson.title })}>
          {(close) => (
            <>
              <button type="button" disabled={index === 0} onClick={() => (close(), mover.lesson(lesson.id, module.id, index - 1))}>
                {t('editor.moveUp')}
              </button>
              <button
                type="button"
                disabled={index === module.lessons.length - 1}
                onClick={() => (close(), mover.lesson(lesson.id, module.id, index + 1))}
              >
                {t('editor.moveDown')}
              </button>
              {modules
                .filter((target) => target.id !== module.id)
                .map((target) => (
                  <button
                    key={target.id}
                    type="button"
                    onClick={() => (close(), mover.lesson(lesson.id, target.id, target.lessons.length))}
                  >
                    {t('editor.moveToModule', { module: target.title })}
                  </button>
                ))}
              <button type="button" onClick={() => (close(), onOpenLesson({ mode: 'edit', lessonId: lesson.id, title: lesson.title }))}>
                {t('editor.changeKind')}
              </button>
              {lesson.kind === 'quiz' && <Link to={`/teach/${courseId}/quizzes/${lesson.id}/analysis`}>{t('analysis.link')}</Link>}
              <DeleteMenuItem
                close={close}
                question={t('editor.confirmDeleteLesson', { title: lesson.title })}
                done={t('editor.lessonDeleted', { title: lesson.title })}
                remove={(onDone) => remove.mutate(lesson.id, { onSuccess: onDone })}
              />
            </>
          )}
        </RowMenu>
      </span>
      <FormError error={remove.error} />
    </li>
  );
}
