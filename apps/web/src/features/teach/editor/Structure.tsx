import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses/use-course';
import { useMoveLesson } from '../../../api/courses/use-lesson-edits';
import { useAddModule, useMoveModule } from '../../../api/courses/use-module-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useToast } from '../../../components/Feedback';
import { useErrorText } from '../../../components/use-error-text';
import { LessonDialog, type LessonDialogTarget } from './LessonDialog';
import { ModuleItem } from './ModuleItem';

function AddModuleForm({ courseId }: { courseId: string }) {
  const { t } = useTranslation('courses');
  const add = useAddModule();
  const [title, setTitle] = useState('');
  return (
    <Form
      error={add.error}
      className="filters"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ courseId, title }, { onSuccess: () => setTitle('') });
      }}
    >
      <div id="fix-modules">
        <Field label={t('editor.moduleTitle')} name="title">
          <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
        </Field>
      </div>
      <button type="submit" disabled={add.isPending}>
        {t('editor.addModule')}
      </button>
      <FormError />
    </Form>
  );
}

/** What is being dragged: a lesson or a module, by id. */
type Dragged = { type: 'lesson' | 'module'; id: string } | null;

/** Moving things in the structure, by drag and drop or from a row's menu; each move is announced. */
export interface Mover {
  lesson: (lessonId: string, moduleId: string, position: number) => void;
  module: (moduleId: string, position: number) => void;
  /** Handlers that make an element draggable as the lesson or module `id`. */
  dragSource: (type: 'lesson' | 'module', id: string, label: string) => { onDragStart: (event: DragEvent) => void; onDragEnd: () => void };
  /** Handlers that make an element accept a drop of `type`, which `drop` then places by the dragged id. */
  dropTarget: (
    type: 'lesson' | 'module',
    drop: (id: string) => void,
  ) => {
    onDragOver: (event: DragEvent) => void;
    onDragLeave: (event: DragEvent) => void;
    onDrop: (event: DragEvent) => void;
  };
}

/**
 * The course's modules and lessons, in order, one line per lesson. Adding or editing a lesson
 * opens the lesson dialog. A move shows at once and goes back, with the reason, if the API refuses.
 */
export function Structure({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const toast = useToast();
  const { errorText } = useErrorText();
  const [dialog, setDialog] = useState<LessonDialogTarget>();
  const moveLesson = useMoveLesson();
  const moveModule = useMoveModule();
  const dragged = useRef<Dragged>(null);
  const failed = (error: unknown) => toast({ message: t('editor.moveFailed', { reason: errorText(error) }), tone: 'error' });

  const mover: Mover = {
    dragSource: (type, id, label) => ({
      onDragStart: (event) => {
        // A lesson's row sits inside its module's: the module is not dragged with it.
        event.stopPropagation();
        dragged.current = { type, id };
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', label);
      },
      onDragEnd: () => {
        dragged.current = null;
      },
    }),
    lesson: (lessonId, moduleId, position) => {
      const lesson = course.modules.flatMap((module) => module.lessons).find((entry) => entry.id === lessonId);
      const target = course.modules.find((module) => module.id === moduleId);
      if (!lesson || !target) return;
      moveLesson.mutate(
        { id: lessonId, courseId: course.id, moduleId, position },
        {
          onSuccess: (moved) =>
            toast({ message: t('editor.lessonMoved', { title: lesson.title, position: moved.position + 1, module: target.title }) }),
          onError: failed,
        },
      );
    },
    module: (moduleId, position) => {
      const module = course.modules.find((entry) => entry.id === moduleId);
      if (!module) return;
      moveModule.mutate(
        { id: moduleId, position },
        {
          onSuccess: (moved) => toast({ message: t('editor.moduleMoved', { title: module.title, position: moved.position + 1 }) }),
          onError: failed,
        },
      );
    },
    dropTarget: (type, drop) => ({
      onDragOver: (event) => {
        if (dragged.current?.type !== type) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'move';
        event.currentTarget.classList.add('drop-here');
      },
      onDragLeave: (event) => event.currentTarget.classList.remove('drop-here'),
      onDrop: (event) => {
        event.currentTarget.classList.remove('drop-here');
        const item = dragged.current;
        if (item?.type !== type) return;
        event.preventDefault();
        event.stopPropagation();
        drop(item.id);
        dragged.current = null;
      },
    }),
  };

  return (
    <section aria-labelledby="structure-heading">
      <h2 id="structure-heading">{t('editor.structure')}</h2>
      {course.modules.length === 0 ? <p>{t('editor.noModules')}</p> : <p className="field-hint">{t('editor.dragHint')}</p>}
      <ol className="structure">
        {course.modules.map((module, index) => (
          <ModuleItem key={module.id} modules={course.modules} index={index} mover={mover} onOpenLesson={setDialog} />
        ))}
      </ol>
      <AddModuleForm courseId={course.id} />
      {dialog && <LessonDialog target={dialog} onClose={() => setDialog(undefined)} />}
    </section>
  );
}
