import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS, type LessonKind } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import { useAddLesson } from '../../../api/courses/use-lesson-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { newQuestion, type QuizDraft } from './QuizBuilder';

/** A new quiz starts with one question to show the author the shape. */
export function sampleQuiz(t: (key: string) => string): QuizDraft {
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

/**
 * Adds a lesson to a module, asking for what its kind cannot do without: a video its address (the
 * API refuses a video lesson without one); a quiz starts with a sample question; text and a
 * document are filled in the lesson editor.
 */
export function AddLessonForm({ moduleId, moduleTitle }: { moduleId: string; moduleTitle: string }) {
  const { t } = useTranslation('courses');
  const add = useAddLesson();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LessonKind>('text');
  const [videoUrl, setVideoUrl] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: Schemas['CreateLessonDto'] = { title, kind };
    if (kind === 'quiz') body.quiz = sampleQuiz(t);
    if (kind === 'video') body.videoUrl = videoUrl.trim() || null;
    add.mutate(
      { moduleId, body },
      {
        onSuccess: () => {
          setTitle('');
          setVideoUrl('');
        },
      },
    );
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
      {kind === 'video' && (
        <Field label={t('lessonEditor.videoUrl')} name="videoUrl" hint={t('lessonEditor.videoHint')}>
          <input type="url" dir="ltr" value={videoUrl} maxLength={2000} onChange={(event) => setVideoUrl(event.target.value)} />
        </Field>
      )}
      <button type="submit" disabled={add.isPending}>
        {t('editor.addLesson')}
      </button>
      <FormError />
    </Form>
  );
}
