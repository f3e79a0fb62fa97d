import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  AGENCY_TYPES,
  ENROLMENT_POLICIES,
  LESSON_KINDS,
  LOCALES,
  type AgencyType,
  type EnrolmentPolicy,
  type LessonKind,
  type Locale,
} from '@ctlp/contracts';
import { ApiError } from '../../api/client';
import {
  useAddLesson,
  useAddModule,
  useAddTrainer,
  useArchiveCourse,
  useCourse,
  useDeleteLesson,
  useDeleteModule,
  usePublishCourse,
  useRemoveTrainer,
  useTrainers,
  useUpdateCourse,
  useUpdateLesson,
  useUpdateModule,
  type Course,
} from '../../api/use-courses';
import { useMemberStates } from '../../api/use-member-states';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';
import { NotFoundPage } from '../shell/NotFoundPage';
import { LessonEditor } from './LessonEditor';
import { MarkdownField } from './MarkdownField';
import { newQuestion } from './QuizBuilder';

function SettingsForm({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const update = useUpdateCourse();
  const { data: states } = useMemberStates(currentLocale());
  const [draft, setDraft] = useState({
    title: course.title,
    summary: course.summary,
    description: course.description,
    language: course.language,
    topics: course.topics.join(', '),
    estimatedMinutes: course.estimatedMinutes,
    enrolmentPolicy: course.enrolmentPolicy,
    memberStates: course.audience.memberStates,
    agencyTypes: course.audience.agencyTypes,
    certificateEnabled: course.certificate.enabled,
    validityMonths: course.certificate.validityMonths,
  });
  const fields = update.error instanceof ApiError ? update.error.fields : {};
  const toggleAgency = (agency: AgencyType) =>
    setDraft({
      ...draft,
      agencyTypes: draft.agencyTypes.includes(agency) ? draft.agencyTypes.filter((a) => a !== agency) : [...draft.agencyTypes, agency],
    });

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({
      id: course.id,
      body: {
        title: draft.title,
        summary: draft.summary,
        description: draft.description,
        language: draft.language,
        topics: draft.topics
          .split(',')
          .map((topic) => topic.trim().toLowerCase().replace(/\s+/g, '-'))
          .filter(Boolean),
        estimatedMinutes: draft.estimatedMinutes,
        enrolmentPolicy: draft.enrolmentPolicy,
        audience: { memberStates: draft.memberStates, agencyTypes: draft.agencyTypes },
        certificate: { enabled: draft.certificateEnabled, validityMonths: draft.validityMonths },
      },
    });
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('editor.settings')}</h2>
      <FormError error={update.error} />
      <Field label={t('editor.title')} error={fields.title}>
        <input value={draft.title} maxLength={200} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
      </Field>
      <Field label={t('editor.summary')} error={fields.summary}>
        <textarea
          rows={2}
          maxLength={500}
          value={draft.summary}
          onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
        />
      </Field>
      <MarkdownField
        label={t('editor.description')}
        value={draft.description}
        error={fields.description}
        rows={8}
        onChange={(description) => setDraft({ ...draft, description })}
      />
      <div className="filters">
        <Field label={t('editor.language')} error={fields.language}>
          <select value={draft.language} onChange={(event) => setDraft({ ...draft, language: event.target.value as Locale })}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('editor.minutes')} error={fields.estimatedMinutes}>
          <input
            type="number"
            min={0}
            max={10000}
            value={draft.estimatedMinutes}
            onChange={(event) => setDraft({ ...draft, estimatedMinutes: Number(event.target.value) })}
          />
        </Field>
        <Field label={t('editor.policy')} error={fields.enrolmentPolicy}>
          <select
            value={draft.enrolmentPolicy}
            onChange={(event) => setDraft({ ...draft, enrolmentPolicy: event.target.value as EnrolmentPolicy })}
          >
            {ENROLMENT_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {t(`enrolmentPolicies.${policy}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('editor.topics')} hint={t('editor.topicsHint')} error={fields.topics}>
        <input value={draft.topics} onChange={(event) => setDraft({ ...draft, topics: event.target.value })} />
      </Field>
      <fieldset>
        <legend>{t('editor.audience')}</legend>
        <p className="field-hint">{t('editor.audienceHint')}</p>
        <Field label={t('editor.audienceStates')} hint={t('editor.audienceStatesHint')} error={fields['audience.memberStates']}>
          <select
            multiple
            size={6}
            value={draft.memberStates}
            onChange={(event) => setDraft({ ...draft, memberStates: [...event.target.selectedOptions].map((option) => option.value) })}
          >
            {states?.map((state) => (
              <option key={state.code} value={state.code}>
                {state.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>{t('editor.audienceAgencies')}</legend>
          {AGENCY_TYPES.map((agency) => (
            <label key={agency} className="checkbox">
              <input type="checkbox" checked={draft.agencyTypes.includes(agency)} onChange={() => toggleAgency(agency)} />{' '}
              {t(`agencyTypes.${agency}`)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('editor.certificate')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.certificateEnabled}
            onChange={(event) => setDraft({ ...draft, certificateEnabled: event.target.checked })}
          />{' '}
          {t('editor.certificateEnabled')}
        </label>
        <Field label={t('editor.validity')} hint={t('editor.validityHint')} error={fields['certificate.validityMonths']}>
          <input
            type="number"
            min={1}
            max={240}
            value={draft.validityMonths ?? ''}
            onChange={(event) => setDraft({ ...draft, validityMonths: event.target.value === '' ? null : Number(event.target.value) })}
          />
        </Field>
      </fieldset>
      <p className="actions">
        <button type="submit" disabled={update.isPending}>
          {t('editor.save')}
        </button>
        {update.isSuccess && !update.isPending && <span role="status">{t('editor.saved')}</span>}
      </p>
    </form>
  );
}

function AddLessonForm({ moduleId, moduleTitle }: { moduleId: string; moduleTitle: string }) {
  const { t } = useTranslation('courses');
  const add = useAddLesson();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LessonKind>('text');
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    const quiz =
      kind === 'quiz'
        ? {
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
          }
        : undefined;
    add.mutate({ moduleId, body: { title, kind, ...(quiz ? { quiz } : {}) } }, { onSuccess: () => setTitle('') });
  }
  return (
    <form onSubmit={submit} noValidate className="filters add-lesson" aria-label={t('editor.addLessonTo', { module: moduleTitle })}>
      <Field label={t('editor.lessonTitle')} error={fields.title}>
        <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label={t('editor.lessonKind')} error={fields.kind}>
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
      <FormError error={add.error} />
    </form>
  );
}

function Structure({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const addModule = useAddModule();
  const updateModule = useUpdateModule();
  const deleteModule = useDeleteModule();
  const updateLesson = useUpdateLesson();
  const deleteLesson = useDeleteLesson();
  const [moduleTitle, setModuleTitle] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; title: string }>();
  const [editing, setEditing] = useState<string>();
  const moduleFields = addModule.error instanceof ApiError ? addModule.error.fields : {};
  const error = updateModule.error ?? deleteModule.error ?? updateLesson.error ?? deleteLesson.error;

  return (
    <section aria-labelledby="structure-heading">
      <h2 id="structure-heading">{t('editor.structure')}</h2>
      <FormError error={error} />
      {course.modules.length === 0 && <p>{t('editor.noModules')}</p>}
      <ol className="structure">
        {course.modules.map((module, m) => (
          <li key={module.id} className="module">
            {renaming?.id === module.id ? (
              <form
                className="filters"
                onSubmit={(event) => {
                  event.preventDefault();
                  updateModule.mutate({ id: module.id, body: { title: renaming.title } }, { onSuccess: () => setRenaming(undefined) });
                }}
              >
                <Field label={t('editor.moduleTitle')}>
                  <input value={renaming.title} onChange={(event) => setRenaming({ ...renaming, title: event.target.value })} />
                </Field>
                <button type="submit">{t('editor.save')}</button>
                <button type="button" className="secondary" onClick={() => setRenaming(undefined)}>
                  {t('common.cancel')}
                </button>
              </form>
            ) : (
              <h3>{module.title}</h3>
            )}
            <p className="row-actions">
              <button type="button" className="secondary" onClick={() => setRenaming({ id: module.id, title: module.title })}>
                {t('editor.rename')}
                <span className="visually-hidden"> {module.title}</span>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={m === 0}
                onClick={() => updateModule.mutate({ id: module.id, body: { position: m - 1 } })}
              >
                {t('editor.moveUp')}
                <span className="visually-hidden"> {module.title}</span>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={m === course.modules.length - 1}
                onClick={() => updateModule.mutate({ id: module.id, body: { position: m + 1 } })}
              >
                {t('editor.moveDown')}
                <span className="visually-hidden"> {module.title}</span>
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => window.confirm(t('editor.confirmDeleteModule', { title: module.title })) && deleteModule.mutate(module.id)}
              >
                {t('editor.delete')}
                <span className="visually-hidden"> {module.title}</span>
              </button>
            </p>
            <ol className="lessons">
              {module.lessons.map((lesson, l) => (
                <li key={lesson.id}>
                  <div className="lesson-row">
                    <span>
                      {lesson.title}{' '}
                      <span className="muted">
                        · {t(`lessonKinds.${lesson.kind}`)}
                        {!lesson.required && <> · {t('course.optional')}</>}
                      </span>
                    </span>
                    <span className="row-actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={editing === lesson.id}
                        onClick={() => setEditing(editing === lesson.id ? undefined : lesson.id)}
                      >
                        {t('editor.edit')}
                        <span className="visually-hidden"> {lesson.title}</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={l === 0}
                        onClick={() => updateLesson.mutate({ id: lesson.id, body: { position: l - 1 } })}
                      >
                        {t('editor.moveUp')}
                        <span className="visually-hidden"> {lesson.title}</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={l === module.lessons.length - 1}
                        onClick={() => updateLesson.mutate({ id: lesson.id, body: { position: l + 1 } })}
                      >
                        {t('editor.moveDown')}
                        <span className="visually-hidden"> {lesson.title}</span>
                      </button>
                      {course.modules.length > 1 && (
                        <select
                          aria-label={t('editor.moveTo', { title: lesson.title })}
                          value={module.id}
                          onChange={(event) => updateLesson.mutate({ id: lesson.id, body: { moduleId: event.target.value } })}
                        >
                          {course.modules.map((target) => (
                            <option key={target.id} value={target.id}>
                              {target.title}
                            </option>
                          ))}
                        </select>
                      )}
                      <button
                        type="button"
                        className="danger"
                        onClick={() =>
                          window.confirm(t('editor.confirmDeleteLesson', { title: lesson.title })) && deleteLesson.mutate(lesson.id)
                        }
                      >
                        {t('editor.delete')}
                        <span className="visually-hidden"> {lesson.title}</span>
                      </button>
                    </span>
                  </div>
                  {editing === lesson.id && <LessonEditor lessonId={lesson.id} onClose={() => setEditing(undefined)} />}
                </li>
              ))}
            </ol>
            <AddLessonForm moduleId={module.id} moduleTitle={module.title} />
          </li>
        ))}
      </ol>
      <form
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          addModule.mutate({ courseId: course.id, title: moduleTitle }, { onSuccess: () => setModuleTitle('') });
        }}
      >
        <Field label={t('editor.moduleTitle')} error={moduleFields.title}>
          <input value={moduleTitle} maxLength={200} onChange={(event) => setModuleTitle(event.target.value)} />
        </Field>
        <button type="submit" disabled={addModule.isPending}>
          {t('editor.addModule')}
        </button>
      </form>
    </section>
  );
}

function Trainers({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const { data } = useTrainers(course.id);
  const add = useAddTrainer();
  const remove = useRemoveTrainer();
  const [email, setEmail] = useState('');
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  return (
    <section aria-labelledby="trainers-heading">
      <h2 id="trainers-heading">{t('trainers.title')}</h2>
      <ul>
        {data?.items.map((trainer) => (
          <li key={trainer.userId}>
            {trainer.fullName}{' '}
            <span className="muted">
              {trainer.email} · {trainer.role === 'owner' ? t('trainers.owner') : t('trainers.coTrainer')}
            </span>{' '}
            {trainer.role !== 'owner' && (
              <button type="button" className="button-link" onClick={() => remove.mutate({ courseId: course.id, userId: trainer.userId })}>
                {t('trainers.remove', { name: trainer.fullName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError error={remove.error} />
      <form
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ courseId: course.id, email }, { onSuccess: () => setEmail('') });
        }}
      >
        <Field label={t('trainers.email')} hint={t('trainers.emailHint')} error={fields.email}>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </Field>
        <button type="submit" disabled={add.isPending}>
          {t('trainers.add')}
        </button>
      </form>
      {add.error && !fields.email ? <FormError error={add.error} /> : null}
    </section>
  );
}

/** Everything a course's trainers change: settings, modules and lessons, co-trainers, publication. */
export function CourseEditorPage() {
  const { t } = useTranslation('courses');
  const { courseId = '' } = useParams();
  const { data: course, error, isPending } = useCourse(courseId);
  const publish = usePublishCourse();
  const archive = useArchiveCourse();
  const lessonCount = course?.modules.reduce((sum, module) => sum + module.lessons.length, 0) ?? 0;
  const resetPublish = publish.reset;
  // "Add a lesson first" no longer applies once there is one.
  useEffect(() => resetPublish(), [lessonCount, resetPublish]);
  if (isPending) return <p role="status">{t('common.loading')}</p>;
  if ((error instanceof ApiError && error.status === 404) || (course && !course.canEdit)) return <NotFoundPage />;
  if (!course) return <FormError error={error} />;

  return (
    <div className="editor">
      <p className="muted">
        <Link to="/teach">{t('teach.title')}</Link>
      </p>
      <h1>{t('editor.heading', { title: course.title })}</h1>
      <div className="panel">
        <p>
          {t('editor.status')} <strong>{t(`courseStatuses.${course.status}`)}</strong>
        </p>
        <FormError error={publish.error ?? archive.error} />
        <p className="actions">
          {course.status !== 'published' && (
            <button type="button" disabled={publish.isPending} onClick={() => publish.mutate(course.id)}>
              {t('editor.publish')}
            </button>
          )}
          {course.status === 'published' && (
            <button
              type="button"
              className="secondary"
              disabled={archive.isPending}
              onClick={() => window.confirm(t('editor.confirmArchive')) && archive.mutate(course.id)}
            >
              {t('editor.archive')}
            </button>
          )}
          <Link to={`/courses/${course.slug}`}>{t('editor.viewAsLearner')}</Link>
          <Link to={`/teach/${course.id}/learners`}>{t('course.learners')}</Link>
        </p>
      </div>
      <Structure course={course} />
      <SettingsForm key={course.id} course={course} />
      <Trainers course={course} />
    </div>
  );
}
