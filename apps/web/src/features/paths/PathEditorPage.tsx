import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { ApiError } from '../../api/client';
import { useCatalog } from '../../api/courses/use-catalog';
import { useLearningPath, type LearningPath } from '../../api/learning-paths/use-learning-path';
import {
  useDeleteLearningPath,
  usePublishLearningPath,
  useSetLearningPathCourses,
  useUpdateLearningPath,
} from '../../api/learning-paths/use-learning-path-edits';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/use-page-title';
import { LANGUAGE_NAMES } from '../../i18n';
import { contentLang } from '../courses/parts';
import { NotFoundPage } from '../shell/NotFoundPage';
import { MarkdownField } from '../teach/editor/MarkdownField';

/** Title, summary, description, language and certificate, saved together. */
function PathSettings({ path }: { path: LearningPath }) {
  const { t } = useTranslation('courses');
  const update = useUpdateLearningPath();
  const [draft, setDraft] = useState({
    title: path.title,
    summary: path.summary,
    description: path.description,
    language: path.language,
    certificateEnabled: path.certificateEnabled,
  });
  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ id: path.id, body: draft });
  }
  return (
    <Form error={update.error} onSubmit={save} aria-labelledby="path-settings-heading">
      <h2 id="path-settings-heading">{t('editor.settings')}</h2>
      <FormError />
      <Field label={t('editor.title')} name="title">
        <input value={draft.title} maxLength={200} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
      </Field>
      <Field label={t('editor.summary')} name="summary">
        <textarea
          rows={2}
          maxLength={500}
          value={draft.summary}
          onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
        />
      </Field>
      <MarkdownField
        label={t('editor.description')}
        name="description"
        rows={6}
        value={draft.description}
        onChange={(description) => setDraft({ ...draft, description })}
      />
      <Field label={t('editor.language')} name="language">
        <select value={draft.language} onChange={(event) => setDraft({ ...draft, language: event.target.value as Locale })}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LANGUAGE_NAMES[locale]}
            </option>
          ))}
        </select>
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.certificateEnabled}
          onChange={(event) => setDraft({ ...draft, certificateEnabled: event.target.checked })}
        />{' '}
        {t('paths.certificateEnabled')}
      </label>
      <p role="status" className="muted">
        {update.isSuccess && !update.isPending ? t('paths.saved') : ''}
      </p>
      <button type="submit" disabled={update.isPending}>
        {t('paths.save')}
      </button>
    </Form>
  );
}

/** The path's courses in order: move up or down, remove, add a published course. Each change is saved at once. */
function PathCourses({ path }: { path: LearningPath }) {
  const { t } = useTranslation('courses');
  const setCourses = useSetLearningPathCourses();
  const { data: catalog } = useCatalog({ limit: 100, offset: 0 });
  const [adding, setAdding] = useState('');
  const ids = path.courses.map((course) => course.id);
  const save = (courseIds: string[]) => setCourses.mutate({ id: path.id, courseIds });
  const move = (from: number, to: number) => {
    const next = [...ids];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    save(next);
  };
  const addable = (catalog?.items ?? []).filter((course) => !ids.includes(course.id));
  return (
    <Form
      error={setCourses.error}
      onSubmit={(event) => {
        event.preventDefault();
        if (adding) save([...ids, adding]);
        setAdding('');
      }}
      aria-labelledby="path-courses-heading"
    >
      <h2 id="path-courses-heading">{t('paths.courses')}</h2>
      <FormError />
      {path.courses.length === 0 && <p>{t('paths.noCourses')}</p>}
      <ol className="path-editor-courses">
        {path.courses.map((course, index) => (
          <li key={course.id}>
            <bdi {...contentLang(path.language)}>{course.title}</bdi>
            <span className="row-actions">
              <button
                type="button"
                className="secondary"
                disabled={index === 0 || setCourses.isPending}
                onClick={() => move(index, index - 1)}
              >
                {t('paths.moveUp')}
                <span className="visually-hidden"> {course.title}</span>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={index === ids.length - 1 || setCourses.isPending}
                onClick={() => move(index, index + 1)}
              >
                {t('paths.moveDown')}
                <span className="visually-hidden"> {course.title}</span>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={setCourses.isPending}
                onClick={() => save(ids.filter((id) => id !== course.id))}
              >
                {t('paths.remove')}
                <span className="visually-hidden"> {course.title}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <Field label={t('paths.addCourse')} name="courseIds" hint={t('paths.addCourseHint')}>
        <select value={adding} onChange={(event) => setAdding(event.target.value)}>
          <option value="">—</option>
          {addable.map((course) => (
            <option key={course.id} value={course.id}>
              {course.title}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={!adding || setCourses.isPending}>
        {t('paths.add')}
      </button>
    </Form>
  );
}

/** Publishing (or taking back to draft) and deleting. */
function PathStatus({ path }: { path: LearningPath }) {
  const { t } = useTranslation('courses');
  const publish = usePublishLearningPath();
  const remove = useDeleteLearningPath();
  const navigate = useNavigate();
  const published = path.status === 'published';
  return (
    <section className="panel" aria-labelledby="path-status-heading">
      <h2 id="path-status-heading">{t('paths.statusHeading')}</h2>
      <p>{published ? t('paths.isPublished') : t('paths.isDraft')}</p>
      <FormError error={publish.error ?? remove.error} />
      <p className="actions">
        <button type="button" disabled={publish.isPending} onClick={() => publish.mutate({ id: path.id, publish: !published })}>
          {published ? t('paths.unpublish') : t('paths.publish')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t('paths.confirmDelete'))) remove.mutate(path.id, { onSuccess: () => void navigate('/teach') });
          }}
        >
          {t('paths.delete')}
        </button>
      </p>
    </section>
  );
}

/** A learning path as its owner (or an admin) authors it. */
export function PathEditorPage() {
  const { t } = useTranslation('courses');
  const { pathId = '' } = useParams();
  const { data: path, error, isPending } = useLearningPath(pathId);
  usePageTitle(path ? t('paths.editTitle', { title: path.title }) : undefined);
  if (isPending) return <Loading />;
  if ((error instanceof ApiError && error.status === 404) || (path && !path.canEdit)) return <NotFoundPage />;
  if (!path) return <FormError error={error} />;
  return (
    <section className="path-editor">
      <p className="muted">
        <Link to="/teach">{t('teach.title')}</Link> · <Link to={`/paths/${path.slug}`}>{t('teach.view')}</Link>
      </p>
      <h1>
        <bdi {...contentLang(path.language)}>{path.title}</bdi>
      </h1>
      <PathStatus path={path} />
      <PathCourses path={path} />
      <PathSettings key={path.id} path={path} />
    </section>
  );
}
