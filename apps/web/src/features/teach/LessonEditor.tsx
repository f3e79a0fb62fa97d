import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Schemas } from '../../api/client';
import { useAttachResource, useLesson, useUpdateLesson, type Lesson } from '../../api/use-courses';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { MarkdownField } from './MarkdownField';
import { QuizBuilder, type QuizDraft } from './QuizBuilder';

const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.png,.jpg,.jpeg';

function ResourceUpload({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation('courses');
  const attach = useAttachResource();
  const [file, setFile] = useState<File>();
  const fields = attach.error instanceof ApiError ? attach.error.fields : {};
  return (
    <div className="panel">
      <p>{lesson.resource ? t('lessonEditor.currentFile', { name: lesson.resource.fileName }) : t('lesson.noFile')}</p>
      <FormError error={attach.error} />
      <Field label={t('lessonEditor.file')} hint={t('lessonEditor.fileHint')} error={fields.file}>
        <input type="file" accept={ACCEPT} onChange={(event) => setFile(event.target.files?.[0])} />
      </Field>
      <button type="button" disabled={!file || attach.isPending} onClick={() => file && attach.mutate({ id: lesson.id, file })}>
        {t('lessonEditor.upload')}
      </button>
      {attach.isSuccess && <p role="status">{t('lessonEditor.uploaded')}</p>}
    </div>
  );
}

function LessonForm({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const { t } = useTranslation('courses');
  const update = useUpdateLesson();
  const [draft, setDraft] = useState({
    title: lesson.title,
    required: lesson.required,
    estimatedMinutes: lesson.estimatedMinutes,
    body: lesson.body ?? '',
    videoUrl: lesson.videoUrl ?? '',
    transcript: lesson.transcript,
  });
  const [quiz, setQuiz] = useState<QuizDraft | undefined>(
    lesson.quiz
      ? {
          ...lesson.quiz,
          questions: lesson.quiz.questions.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o, correct: Boolean(o.correct) })) })),
        }
      : undefined,
  );
  const fields = update.error instanceof ApiError ? update.error.fields : {};

  function save(event: FormEvent) {
    event.preventDefault();
    const body: Schemas['UpdateLessonDto'] = { title: draft.title, required: draft.required, estimatedMinutes: draft.estimatedMinutes };
    if (lesson.kind === 'text' || lesson.kind === 'resource') body.body = draft.body;
    if (lesson.kind === 'video') Object.assign(body, { videoUrl: draft.videoUrl || null, transcript: draft.transcript });
    if (lesson.kind === 'quiz' && quiz) body.quiz = quiz;
    update.mutate({ id: lesson.id, body });
  }

  return (
    <form onSubmit={save} noValidate className="lesson-editor">
      <FormError error={update.error} />
      <Field label={t('editor.title')} error={fields.title}>
        <input value={draft.title} maxLength={200} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
      </Field>
      <div className="filters">
        <Field label={t('lessonEditor.minutes')} error={fields.estimatedMinutes}>
          <input
            type="number"
            min={0}
            max={1000}
            value={draft.estimatedMinutes}
            onChange={(event) => setDraft({ ...draft, estimatedMinutes: Number(event.target.value) })}
          />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={draft.required} onChange={(event) => setDraft({ ...draft, required: event.target.checked })} />{' '}
          {t('lessonEditor.required')}
        </label>
      </div>
      {(lesson.kind === 'text' || lesson.kind === 'resource') && (
        <MarkdownField
          label={lesson.kind === 'text' ? t('lessonEditor.body') : t('lessonEditor.introduction')}
          value={draft.body}
          error={fields.body}
          onChange={(body) => setDraft({ ...draft, body })}
        />
      )}
      {lesson.kind === 'video' && (
        <>
          <Field label={t('lessonEditor.videoUrl')} hint={t('lessonEditor.videoHint')} error={fields.videoUrl}>
            <input type="url" value={draft.videoUrl} onChange={(event) => setDraft({ ...draft, videoUrl: event.target.value })} />
          </Field>
          <Field label={t('lessonEditor.transcript')} error={fields.transcript}>
            <textarea rows={8} value={draft.transcript} onChange={(event) => setDraft({ ...draft, transcript: event.target.value })} />
          </Field>
        </>
      )}
      {lesson.kind === 'quiz' && quiz && <QuizBuilder quiz={quiz} onChange={setQuiz} fields={fields} />}
      <p className="actions">
        <button type="submit" disabled={update.isPending}>
          {t('editor.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('lessonEditor.close')}
        </button>
        {update.isSuccess && !update.isPending && <span role="status">{t('editor.saved')}</span>}
      </p>
      {lesson.kind === 'resource' && <ResourceUpload lesson={lesson} />}
    </form>
  );
}

/** Loads the lesson with its Markdown and answers (trainers only), then edits it. */
export function LessonEditor({ lessonId, onClose }: { lessonId: string; onClose: () => void }) {
  const { t } = useTranslation('courses');
  const { data, error, isPending } = useLesson(lessonId);
  if (isPending) return <p role="status">{t('common.loading')}</p>;
  if (!data) return <FormError error={error} />;
  return <LessonForm key={data.id} lesson={data} onClose={onClose} />;
}
