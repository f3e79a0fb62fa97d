import { useEffect, useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS, type LessonKind } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import { useAttachResource, useUpdateLesson } from '../../../api/courses/use-lesson-edits';
import { useLesson, type Lesson } from '../../../api/learning/use-lesson';
import { Field, FieldErrorMessage } from '../../../components/Field';
import { ErrorScope, Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useConfirm } from '../../../components/Feedback';
import { MarkdownField } from './MarkdownField';
import { QuizBuilder, quizDraft, sampleQuiz, type QuizDraft } from './QuizBuilder';
import { Loading } from '../../../components/Loading';
import { SaveStatus, useReportUnsaved } from './SaveStatus';
import { useAutosave } from './use-autosave';
import { VideoUploads } from './VideoUploads';

/** What the dialog calls before it closes: saves what is left, true when it may close. */
export type CloseRef = RefObject<() => Promise<boolean>>;

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

/** The fields every kind of lesson has, and what each kind needs, as the dialog edits them. */
export type LessonDraft = {
  kind: LessonKind;
  title: string;
  required: boolean;
  estimatedMinutes: number;
  body: string;
  videoUrl: string;
  /** A video lesson's: a link to YouTube or Vimeo, or files uploaded here. */
  videoSource: 'link' | 'upload';
  transcript: string;
  quiz?: QuizDraft;
};

/** Which way a lesson's video comes: its files when it has them or waits for them (no address), else its link. */
export function videoSourceOf(lesson: Pick<Lesson, 'kind' | 'video' | 'videoUrl'>): LessonDraft['videoSource'] {
  return lesson.video || (lesson.kind === 'video' && !lesson.videoUrl) ? 'upload' : 'link';
}

/** Link or files: a choice of two, kept in the draft (and sent, so an upload-to-come needs no address). */
function VideoSourceChoice({ draft, onChange }: { draft: LessonDraft; onChange: (draft: LessonDraft) => void }) {
  const { t } = useTranslation('courses');
  const name = useId();
  return (
    <fieldset>
      <legend>{t('lessonEditor.videoSource')}</legend>
      {(['link', 'upload'] as const).map((source) => (
        <label key={source} className="checkbox">
          <input
            type="radio"
            name={name}
            value={source}
            checked={draft.videoSource === source}
            onChange={() => onChange({ ...draft, videoSource: source })}
          />{' '}
          {t(`lessonEditor.source.${source}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** What the kind of lesson (as the draft has it) has to say: its text, its video, or its quiz. */
export function LessonBody({ draft, onChange }: { draft: LessonDraft; onChange: (draft: LessonDraft) => void }) {
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
        <VideoSourceChoice draft={draft} onChange={onChange} />
        <Field
          label={t('lessonEditor.videoUrl')}
          name="videoUrl"
          hint={draft.videoSource === 'upload' ? t('lessonEditor.videoUrlAlso') : t('lessonEditor.videoHint')}
        >
          <input
            type="url"
            dir="ltr"
            value={draft.videoUrl}
            maxLength={2000}
            onChange={(event) => onChange({ ...draft, videoUrl: event.target.value })}
          />
        </Field>
        <Field label={t('lessonEditor.transcript')} name="transcript">
          <textarea rows={8} value={draft.transcript} onChange={(event) => onChange({ ...draft, transcript: event.target.value })} />
        </Field>
      </>
    );
  }
  return draft.quiz ? <QuizBuilder quiz={draft.quiz} onChange={(quiz) => onChange({ ...draft, quiz })} /> : null;
}

/** Title, kind, time and whether it is required: the same in the add and the edit dialog. */
export function LessonBasics({
  draft,
  onChange,
  kindHint,
}: {
  draft: LessonDraft;
  onChange: (draft: LessonDraft) => void;
  kindHint?: string;
}) {
  const { t } = useTranslation('courses');
  /** A quiz chosen for a lesson that has none starts with the sample question. */
  const changeKind = (kind: LessonKind) => onChange({ ...draft, kind, quiz: kind === 'quiz' ? (draft.quiz ?? sampleQuiz(t)) : draft.quiz });
  return (
    <>
      <Field label={t('editor.title')} name="title">
        <input value={draft.title} maxLength={200} onChange={(event) => onChange({ ...draft, title: event.target.value })} />
      </Field>
      <div className="filters">
        <Field label={t('editor.lessonKind')} name="kind" hint={kindHint}>
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
            onChange={(event) => onChange({ ...draft, estimatedMinutes: Number(event.target.value) })}
          />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={draft.required} onChange={(event) => onChange({ ...draft, required: event.target.checked })} />{' '}
          {t('lessonEditor.required')}
        </label>
        <FieldErrorMessage name="required" />
      </div>
    </>
  );
}

/** What a lesson of `kind` sends of the draft: its own fields, never another kind's. */
export function lessonFields(draft: LessonDraft, kind: LessonKind): Schemas['UpdateLessonDto'] {
  const body: Schemas['UpdateLessonDto'] = { title: draft.title, required: draft.required, estimatedMinutes: draft.estimatedMinutes };
  if (kind === 'text' || kind === 'resource') body.body = draft.body;
  if (kind === 'video') {
    body.videoUrl = draft.videoUrl.trim() || null;
    body.videoSource = draft.videoSource;
    body.transcript = draft.transcript;
  }
  return body;
}

/**
 * The edit dialog's form. Everything but the quiz and the kind is saved as it is typed; a quiz is
 * saved whole with its button (a half-written question would fail on every pause), and a new kind
 * with its own (it asks first when the change deletes questions or a file).
 */
function LessonForm({ lesson, closeRef }: { lesson: Lesson; closeRef: CloseRef }) {
  const { t } = useTranslation('courses');
  const update = useUpdateLesson();
  const confirm = useConfirm();
  const [draft, setDraft] = useState<LessonDraft>({
    kind: lesson.kind,
    title: lesson.title,
    required: lesson.required,
    estimatedMinutes: lesson.estimatedMinutes,
    body: lesson.body ?? '',
    videoUrl: lesson.videoUrl ?? '',
    videoSource: videoSourceOf(lesson),
    transcript: lesson.transcript,
    quiz: quizDraft(lesson.quiz),
  });
  const kindChanged = draft.kind !== lesson.kind;
  const autosave = useAutosave(lessonFields(draft, lesson.kind), (body) => update.mutateAsync({ id: lesson.id, body }), {
    paused: kindChanged,
  });
  const [quizSaved, setQuizSaved] = useState(JSON.stringify(quizDraft(lesson.quiz)));
  const quizDirty = draft.kind === 'quiz' && !kindChanged && JSON.stringify(draft.quiz) !== quizSaved;
  useReportUnsaved('lesson', autosave.state !== 'saved' || kindChanged || quizDirty);

  // Closing saves what is left; if that fails, the author chooses to stay or to drop it.
  useEffect(() => {
    closeRef.current = async () => {
      if ((await autosave.flush()) && !kindChanged && !quizDirty) return true;
      return confirm({ title: t('autosave.closeTitle'), body: t('autosave.leaveBody'), confirmLabel: t('autosave.discard'), danger: true });
    };
  });

  async function saveQuiz() {
    if (!draft.quiz) return;
    const sent = draft.quiz;
    await update.mutateAsync({ id: lesson.id, body: { quiz: sent } }).then(
      (saved) => {
        // New questions and options get their ids from the API: kept, so saving again updates
        // them rather than replacing them (a learner's past answers point at those ids).
        const fresh = quizDraft(saved.quiz);
        setDraft((current) => (JSON.stringify(current.quiz) === JSON.stringify(sent) ? { ...current, quiz: fresh } : current));
        setQuizSaved(JSON.stringify(fresh));
      },
      () => undefined,
    );
  }

  async function changeKind(event: FormEvent) {
    event.preventDefault();
    const kind = draft.kind;
    // What a change of kind takes away is said before it goes: the questions, or the file.
    const loses =
      lesson.kind === 'quiz'
        ? 'quiz'
        : lesson.kind === 'resource' && lesson.resource
          ? 'file'
          : lesson.kind === 'video' && lesson.video
            ? 'video'
            : undefined;
    if (
      loses &&
      !(await confirm({
        title: t('lessonEditor.confirmKind', { kind: t(`lessonKinds.${kind}`) }),
        body: t(
          loses === 'quiz' ? 'lessonEditor.kindDropsQuiz' : loses === 'file' ? 'lessonEditor.kindDropsFile' : 'lessonEditor.kindDropsVideo',
        ),
        confirmLabel: t('lessonEditor.changeKind'),
        danger: true,
      }))
    )
      return;
    const body: Schemas['UpdateLessonDto'] = { ...lessonFields(draft, kind), kind };
    if (kind === 'quiz' && draft.quiz) body.quiz = draft.quiz;
    await update.mutateAsync({ id: lesson.id, body }).then(
      () => setQuizSaved(JSON.stringify(draft.quiz)),
      () => undefined,
    );
  }

  return (
    <Form error={update.error ?? autosave.error} onSubmit={(event) => void changeKind(event)} className="lesson-editor">
      <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} />
      <FormError />
      <LessonBasics draft={draft} onChange={setDraft} kindHint={t('lessonEditor.kindHint')} />
      <LessonBody draft={draft} onChange={setDraft} />
      {kindChanged && (
        <p className="actions">
          <button type="submit" disabled={update.isPending}>
            {t('lessonEditor.changeKind')}
          </button>
        </p>
      )}
      {quizDirty && (
        <p className="actions">
          <button type="button" disabled={update.isPending} onClick={() => void saveQuiz()}>
            {t('lessonEditor.saveQuiz')}
          </button>
        </p>
      )}
      {draft.kind === 'quiz' && !kindChanged && !quizDirty && update.isSuccess && <p className="muted">{t('lessonEditor.quizSaved')}</p>}
      {lesson.kind === 'resource' && draft.kind === 'resource' && <ResourceUpload lesson={lesson} />}
      {lesson.kind === 'video' && draft.kind === 'video' && draft.videoSource === 'upload' && <VideoUploads lesson={lesson} />}
    </Form>
  );
}

/** Loads the lesson with its Markdown and answers (trainers only), then edits it. */
export function LessonEditor({ lessonId, closeRef }: { lessonId: string; closeRef: CloseRef }) {
  const { data, error, isPending } = useLesson(lessonId);
  if (isPending) return <Loading />;
  if (!data) return <FormError error={error} />;
  return <LessonForm key={data.id} lesson={data} closeRef={closeRef} />;
}
