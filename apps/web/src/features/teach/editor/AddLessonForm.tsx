import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { useAddLesson } from '../../../api/courses/use-lesson-edits';
import type { Lesson } from '../../../api/learning/use-lesson';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { LessonBasics, LessonBody, lessonFields, type LessonDraft } from './LessonEditor';

const EMPTY: LessonDraft = {
  kind: 'text',
  title: '',
  required: true,
  estimatedMinutes: 0,
  body: '',
  videoUrl: '',
  videoSource: 'link',
  transcript: '',
};

/**
 * The add dialog's form: the title and kind, then what that kind is made of (a text its Markdown, a
 * video its address and transcript, a quiz its settings and questions, a document its introduction;
 * its file is attached once the lesson exists).
 */
export function AddLessonForm({
  moduleId,
  onAdded,
  onCancel,
}: {
  moduleId: string;
  onAdded: (lesson: Lesson) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('courses');
  const add = useAddLesson();
  const [draft, setDraft] = useState<LessonDraft>(EMPTY);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { title, ...fields } = lessonFields(draft, draft.kind);
    const body: Schemas['CreateLessonDto'] = { ...fields, title: title ?? '', kind: draft.kind };
    if (draft.kind === 'quiz' && draft.quiz) body.quiz = draft.quiz;
    add.mutate({ moduleId, body }, { onSuccess: onAdded });
  }

  return (
    <Form error={add.error} onSubmit={submit} className="lesson-editor">
      <FormError />
      <LessonBasics draft={draft} onChange={setDraft} />
      <LessonBody draft={draft} onChange={setDraft} />
      {draft.kind === 'resource' && <p className="field-hint">{t('lessonEditor.fileAfter')}</p>}
      {draft.kind === 'video' && draft.videoSource === 'upload' && <p className="field-hint">{t('lessonEditor.videoFilesAfter')}</p>}
      <p className="actions">
        <button type="submit" disabled={add.isPending}>
          {t('editor.addLesson')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </Form>
  );
}
