import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses/use-course';
import { useDeleteModule, useUpdateModule } from '../../../api/courses/use-module-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useDuration } from '../../courses/parts';
import type { LessonDialogTarget } from './LessonDialog';
import { LessonRow } from './LessonRow';
import { DeleteMenuItem, RowMenu } from './RowMenu';
import type { Mover } from './Structure';

type Module = Course['modules'][number];

function RenameForm({ module, onDone }: { module: Module; onDone: () => void }) {
  const { t } = useTranslation('courses');
  const update = useUpdateModule();
  const [title, setTitle] = useState(module.title);
  return (
    <Form
      error={update.error}
      className="filters"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ id: module.id, body: { title } }, { onSuccess: onDone });
      }}
    >
      <Field label={t('editor.moduleTitle')} name="title">
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <button type="submit" disabled={update.isPending}>
        {t('editor.save')}
      </button>
      <button type="button" className="secondary" onClick={onDone}>
        {t('common.cancel')}
      </button>
      <FormError />
    </Form>
  );
}

interface ModuleItemProps {
  modules: Module[];
  index: number;
  mover: Mover;
  onOpenLesson: (target: LessonDialogTarget) => void;
}

/**
 * A module in the structure: its title (which folds its lessons away), "Add a lesson", and a menu
 * to rename, move or delete it. It can be dragged by its title bar to another place.
 */
export function ModuleItem({ modules, index, mover, onOpenLesson }: ModuleItemProps) {
  const { t } = useTranslation('courses');
  const remove = useDeleteModule();
  const [renaming, setRenaming] = useState(false);
  const [open, setOpen] = useState(true);
  const module = modules[index]!;
  const lessonsId = `module-${module.id}-lessons`;
  const minutes = module.lessons.reduce((sum, lesson) => sum + lesson.estimatedMinutes, 0);
  const duration = useDuration();

  return (
    <li className="module" {...mover.dropTarget('module', (id) => mover.module(id, index))}>
      <div className="module-head" draggable={!renaming} {...mover.dragSource('module', module.id, module.title)}>
        <span className="grip" aria-hidden="true">
          ⠿
        </span>
        {renaming ? (
          <RenameForm module={module} onDone={() => setRenaming(false)} />
        ) : (
          <h3>
            <button type="button" className="module-toggle" aria-expanded={open} aria-controls={lessonsId} onClick={() => setOpen(!open)}>
              <span aria-hidden="true" className="chevron" />
              {module.title}
            </button>
          </h3>
        )}
        <span className="muted module-facts">
          {t('editor.lessonCount', { count: module.lessons.length })}
          {minutes > 0 && <> · {duration(minutes)}</>}
        </span>
        <span className="row-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => onOpenLesson({ mode: 'add', moduleId: module.id, moduleTitle: module.title })}
          >
            {t('editor.addLessonButton')}
            <span className="visually-hidden"> {t('editor.toModule', { module: module.title })}</span>
          </button>
          <RowMenu label={t('editor.moduleActions', { title: module.title })}>
            {(close) => (
              <>
                <button type="button" onClick={() => (close(), setRenaming(true))}>
                  {t('editor.rename')}
                </button>
                <button type="button" disabled={index === 0} onClick={() => (close(), mover.module(module.id, index - 1))}>
                  {t('editor.moveUp')}
                </button>
                <button type="button" disabled={index === modules.length - 1} onClick={() => (close(), mover.module(module.id, index + 1))}>
                  {t('editor.moveDown')}
                </button>
                <DeleteMenuItem
                  close={close}
                  question={t('editor.confirmDeleteModule', { title: module.title })}
                  done={t('editor.moduleDeleted', { title: module.title })}
                  remove={(onDone) => remove.mutate(module.id, { onSuccess: onDone })}
                />
              </>
            )}
          </RowMenu>
        </span>
      </div>
      <FormError error={remove.error} />
      <ol
        id={lessonsId}
        className="lessons"
        hidden={!open}
        {...mover.dropTarget('lesson', (id) => mover.lesson(id, module.id, module.lessons.length))}
      >
        {module.lessons.map((lesson, l) => (
          <LessonRow key={lesson.id} modules={modules} module={module} index={l} mover={mover} onOpenLesson={onOpenLesson} />
        ))}
        {module.lessons.length === 0 && <li className="muted empty-module">{t('editor.emptyModule')}</li>}
      </ol>
    </li>
  );
}
