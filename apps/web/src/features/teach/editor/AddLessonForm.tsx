import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS, type LessonKind } from '@ctlp/contracts';
import { useAddLesson } from '../../../api/courses/use-lesson-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { newQuestion, type QuizDraft } from './QuizBuilder';

/** A new quiz starts with one question to show the author the shape. */
function sampleQuiz(t: (key: string) => string): QuizDraft {
  return {
    passMark: 70,
    maxAttempts: 3,
    questions: [
      {
        ...newQuestion('single', t),
        prompt: t('quizBuilder.samplePrompt'),
        options: [
          { text: t('quizBuilder.sampleRight'), correct: true },
          { text: t('quizBuilder.sampleWrong'), correct: false },
        ],
      },
    ],
  };
}

export function AddLessonForm({ moduleId, moduleTitle }: { moduleId: string; moduleTitle: string }) {
  const { t } = useTranslation('courses');
  const add = useAddLesson();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LessonKind>('text');

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ moduleId, body: { title, kind, ...(kind === 'quiz' ? { quiz: sampleQuiz(t) } : {}) } }, { onSuccess: () => setTitle('') });
  }

  return (
    <Form error={add.error} onSubmit={submit} className="filters add-lesson" aria-label={t('editor.addLessonTo', { module: moduleTitle })}>
      <Field label={t('editor.lessonTitle')} name="title">
        <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label={t('editor.lessonKind')} name="kind">
        <select value={kind} onChange={(event) => setKind(event.target.value as LessonKind)}>
          {LESSON_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`lessonKinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={add.isPending}>
        {t('editor.addLesson')}
      </button>
      <FormError />
    </Form>
  );
}
