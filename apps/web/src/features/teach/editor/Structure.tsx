import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses/use-course';
import { useAddModule } from '../../../api/courses/use-module-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
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
      <Field label={t('editor.moduleTitle')} name="title">
        <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <button type="submit" disabled={add.isPending}>
        {t('editor.addModule')}
      </button>
      <FormError />
    </Form>
  );
}

/** The course's modules and lessons, in order; one lesson open in the editor at a time. */
export function Structure({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const [editing, setEditing] = useState<string>();
  return (
    <section aria-labelledby="structure-heading">
      <h2 id="structure-heading">{t('editor.structure')}</h2>
      {course.modules.length === 0 && <p>{t('editor.noModules')}</p>}
      <ol className="structure">
        {course.modules.map((module, index) => (
          <ModuleItem key={module.id} modules={course.modules} index={index} editingLesson={editing} onEditLesson={setEditing} />
        ))}
      </ol>
      <AddModuleForm courseId={course.id} />
    </section>
  );
}
