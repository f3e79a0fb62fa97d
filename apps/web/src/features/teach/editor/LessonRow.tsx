import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses/use-course';
import { useDeleteLesson, useUpdateLesson } from '../../../api/courses/use-lesson-edits';
import { FormError } from '../../../components/FormError';
import { LessonEditor } from './LessonEditor';
import { useConfirm } from '../../../components/Feedback';

type Module = Course['modules'][number];

interface LessonRowProps {
  modules: Module[];
  module: Module;
  index: number;
  editing: boolean;
  onEdit: (editing: boolean) => void;
}

/** A lesson in the structure: edit it, move it within or across modules, delete it. */
export function LessonRow({ modules, module, index, editing, onEdit }: LessonRowProps) {
  const { t } = useTranslation('courses');
  const update = useUpdateLesson();
  const remove = useDeleteLesson();
  const confirm = useConfirm();
  const lesson = module.lessons[index]!;
  const move = (body: { position: number } | { moduleId: string }) => update.mutate({ id: lesson.id, body });
  const hidden = <span className="visually-hidden"> {lesson.title}</span>;

  return (
    <li>
      <div className="lesson-row">
        <span>
          {lesson.title}{' '}
          <span className="muted">
            · {t(`lessonKinds.${lesson.kind}`)}
            {!lesson.required && <> · {t('course.optional')}</>}
          </span>
        </span>
        <span className="row-actions">
          <button type="button" className="secondary" aria-expanded={editing} onClick={() => onEdit(!editing)}>
            {t('editor.edit')}
            {hidden}
          </button>
          <button type="button" className="secondary" disabled={index === 0} onClick={() => move({ position: index - 1 })}>
            {t('editor.moveUp')}
            {hidden}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={index === module.lessons.length - 1}
            onClick={() => move({ position: index + 1 })}
          >
            {t('editor.moveDown')}
            {hidden}
          </button>
          {modules.length > 1 && (
            <select
              aria-label={t('editor.moveTo', { title: lesson.title })}
              value={module.id}
              onChange={(event) => move({ moduleId: event.target.value })}
            >
              {modules.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.title}
                </option>
              ))}
            </select>
          )}
          <button
            type="button"
            className="danger"
            onClick={async () => {
              if (
                await confirm({
                  title: t('editor.confirmDeleteLesson', { title: lesson.title }),
                  confirmLabel: t('editor.delete'),
                  danger: true,
                })
              )
                remove.mutate(lesson.id);
            }}
          >
            {t('editor.delete')}
            {hidden}
          </button>
        </span>
      </div>
      <FormError error={update.error ?? remove.error} />
      {editing && <LessonEditor lessonId={lesson.id} onClose={() => onEdit(false)} />}
    </li>
  );
}
