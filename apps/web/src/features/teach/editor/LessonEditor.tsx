import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS, type LessonKind } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import { useAttachResource, useUpdateLesson } from '../../../api/courses/use-lesson-edits';
import { useLesson, type Lesson } from '../../../api/learning/use-lesson';
import { Field, FieldErrorMessage } from '../../../components/Field';
import { ErrorScope, Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useConfirm } from '../../../components/Feedback';
import { sampleQuiz } from './AddLessonForm';
import { MarkdownField } from './MarkdownField';
import { QuizBuilder, type QuizDraft } from './QuizBuilder';
import { Loading } from '../../../components/Loading';

const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.png,.jpg,.jpeg';

function ResourceUpload({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation('courses');
  const attach = useAttachResource();
  const [file, setFile] = useState<File>();
  return (
    <ErrorScope error={attach.error}>
      <div className="panel">
        <p>{lesson.resource ? t('lessonEditor.currentFile', { name: lesson.resource.fileName }) : t('lesson.noFile')}</p>
        <FormError />
        <Field label={t('lessonEditor.file')} name="file" hint={t('lessonEditor.fileHint')}>
          <input type="file" accept={ACCEPT} onChange={(event) => setFile(event.target.files?.[0])} />
        </Field>
        <button type="button" disabled={!file || attach.isPending} onClick={() => file && attach.mutate({ id: lesson.id, file })}>
          {t('lessonEditor.upload')}
        </button>
        {attach.isSuccess && <p role="status">{t('lessonEditor.uploaded')}</p>}
      </div>
    </ErrorScope>
  );
}

/** The quiz as the builder edits it: every option says whether it is right. */
function quizDraft(quiz: Lesson['quiz']): QuizDraft | undefined {
  if (!quiz) return undefined;
  return {
    ...quiz,
    questions: quiz.questions.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o, correct: Boolean(o.correct) })) })),
  };
}

/** What the kind of lesson (as the draft has it) has to say: its text, its video, or its quiz. */
function LessonBody({ draft, onChange }: { draft: Draft; onChange: (draft: Draft) => void }) {
  const { t } = useTranslation('courses');
  if (draft.kind === 'text' || draft.kind === 'resource') {
    return (
      <MarkdownField
        label={draft.kind === 'text' ? t('lessonEditor.body') : t('lessonEditor.introduction')}
        name="body"
        value={draft.body}
        onChange={(body) => onChange({ ...draft, body })}
      />
    );
  }
  if (draft.kind === 'video') {
    return (
      <>
        <Field label={t('lessonEditor.videoUrl')} name="videoUrl" hint={t('lessonEditor.videoHint')}>
          <input type="url" dir="ltr" value={draft.videoUrl} onChange={(event) => onChange({ ...draft, videoUrl: event.target.value })} />
        </Field>
        <Field label={t('lessonEditor.transcript')} name="transcript">
          <textarea rows={8} value={draft.transcript} onChange={(event) => onChange({ ...draft, transcript: event.target.value })} />
        </Field>
      </>
    );
  }
  return draft.quiz ? <QuizBuilder quiz={draft.quiz} onChange={(quiz) => onChange({ ...draft, quiz })} /> : null;
}

type Draft = {
  kind: LessonKind;
  title: string;
  required: boolean;
  estimatedMinutes: number;
  body: string;
  videoUrl: string;
  transcript: string;
  quiz?: QuizDraft;
};

function LessonForm({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const { t } = useTranslation('courses');
  const update = useUpdateLesson();
  const confirm = useConfirm();
  const [draft, setDraft] = useState<Draft>({
    kind: lesson.kind,
    title: lesson.title,
    required: lesson.required,
    estimatedMinutes: lesson.estimatedMinutes,
    body: lesson.body ?? '',
    videoUrl: lesson.videoUrl ?? '',
    transcript: lesson.transcript,
    quiz: quizDraft(lesson.quiz),
  });

  /** A quiz chosen for a lesson that has none starts with the sample question, as a new quiz does. */
  function changeKind(kind: LessonKind) {
    setDraft({ ...draft, kind, quiz: kind === 'quiz' ? (draft.quiz ?? sampleQuiz(t)) : draft.quiz });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const kind = draft.kind;
    // What a change of kind takes away is said before it goes: the questions, or the file.
    const loses =
      kind === lesson.kind
        ? undefined
        : lesson.kind === 'quiz'
          ? 'quiz'
          : lesson.kind === 'resource' && lesson.resource
            ? 'file'
            : undefined;
    if (
      loses &&
      !(await confirm({
        title: t('lessonEditor.confirmKind', { kind: t(`lessonKinds.${kind}`) }),
        body: loses === 'quiz' ? t('lessonEditor.kindDropsQuiz') : t('lessonEditor.kindDropsFile'),
        confirmLabel: t('lessonEditor.changeKind'),
        danger: true,
      }))
    )
      return;
    const body: Schemas['UpdateLessonDto'] = { title: draft.title, required: draft.required, estimatedMinutes: draft.estimatedMinutes };
    if (kind !== lesson.kind) body.kind = kind;
    if (kind === 'text' || kind === 'resource') body.body = draft.body;
    if (kind === 'video') {
      body.videoUrl = draft.videoUrl.trim() || null;
      body.transcript = draft.transcript;
    }
    if (kind === 'quiz' && draft.quiz) body.quiz = draft.quiz;
    update.mutate({ id: lesson.id, body });
  }

  return (
    <Form error={update.error} onSubmit={(event) => void save(event)} className="lesson-editor">
      <FormError />
      <Field label={t('editor.title')} name="title">
        <input value={draft.title} maxLength={200} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
      </Field>
      <div className="filters">
        <Field label={t('editor.lessonKind')} name="kind" hint={t('lessonEditor.kindHint')}>
          <select value={draft.kind} onChange={(event) => changeKind(event.target.value as LessonKind)}>
            {LESSON_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`lessonKinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('lessonEditor.minutes')} name="estimatedMinutes">
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
        <FieldErrorMessage name="required" />
      </div>
      <LessonBody draft={draft} onChange={setDraft} />
      <p className="actions">
        <button type="submit" disabled={update.isPending}>
          {t('editor.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('lessonEditor.close')}
        </button>
        {update.isSuccess && !update.isPending && <span role="status">{t('editor.saved')}</span>}
      </p>
      {lesson.kind === 'resource' && draft.kind === 'resource' && <ResourceUpload lesson={lesson} />}
    </Form>
  );
}

/** Loads the lesson with its Markdown and answers (trainers only), then edits it. */
export function LessonEditor({ lessonId, onClose }: { lessonId: string; onClose: () => void }) {
  const { data, error, isPending } = useLesson(lessonId);
  if (isPending) return <Loading />;
  if (!data) return <FormError error={error} />;
  return <LessonForm key={data.id} lesson={data} onClose={onClose} />;
}
