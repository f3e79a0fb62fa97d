import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses/use-course';
import { useDeleteModule, useUpdateModule } from '../../../api/courses/use-module-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { AddLessonForm } from './AddLessonForm';
import { LessonRow } from './LessonRow';
import { useConfirm } from '../../../components/Feedback';

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
  editingLesson: string | undefined;
  onEditLesson: (lessonId: string | undefined) => void;
}

/** A module in the structure: rename, move or delete it; its lessons; a form to add one. */
export function ModuleItem({ modules, index, editingLesson, onEditLesson }: ModuleItemProps) {
  const { t } = useTranslation('courses');
  const update = useUpdateModule();
  const remove = useDeleteModule();
  const confirm = useConfirm();
  const [renaming, setRenaming] = useState(false);
  const module = modules[index]!;
  const hidden = <span className="visually-hidden"> {module.title}</span>;

  return (
    <li className="module">
      {renaming ? <RenameForm module={module} onDone={() => setRenaming(false)} /> : <h3>{module.title}</h3>}
      <p className="row-actions">
        <button type="button" className="secondary" onClick={() => setRenaming(true)}>
          {t('editor.rename')}
          {hidden}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={index === 0}
          onClick={() => update.mutate({ id: module.id, body: { position: index - 1 } })}
        >
          {t('editor.moveUp')}
          {hidden}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={index === modules.length - 1}
          onClick={() => update.mutate({ id: module.id, body: { position: index + 1 } })}
        >
          {t('editor.moveDown')}
          {hidden}
        </button>
        <button
          type="button"
          className="danger"
          onClick={async () => {
            if (
              await confirm({
                title: t('editor.confirmDeleteModule', { title: module.title }),
                confirmLabel: t('editor.delete'),
                danger: true,
              })
            )
              remove.mutate(module.id);
          }}
        >
          {t('editor.delete')}
          {hidden}
        </button>
      </p>
      <FormError error={update.error ?? remove.error} />
      <ol className="lessons">
        {module.lessons.map((lesson, l) => (
          <LessonRow
            key={lesson.id}
            modules={modules}
            module={module}
            index={l}
            editing={editingLesson === lesson.id}
            onEdit={(editing) => onEditLesson(editing ? lesson.id : undefined)}
          />
        ))}
      </ol>
      <AddLessonForm moduleId={module.id} moduleTitle={module.title} />
    </li>
  );
}
