import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { ApiError } from '../../api/client';
import { useCreateCourse, useMyCourses } from '../../api/use-courses';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';
import { contentLang } from '../courses/parts';

function NewCourseForm() {
  const { t } = useTranslation('courses');
  const create = useCreateCourse();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ title, language }, { onSuccess: (course) => void navigate(`/teach/${course.id}`) });
  }
  return (
    <form onSubmit={submit} noValidate className="panel">
      <h2>{t('teach.newCourse')}</h2>
      <FormError error={create.error} />
      <Field label={t('editor.title')} error={fields.title}>
        <input required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label={t('editor.language')} error={fields.language}>
        <select value={language} onChange={(event) => setLanguage(event.target.value as Locale)}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LANGUAGE_NAMES[locale]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={create.isPending}>
        {t('teach.create')}
      </button>
    </form>
  );
}

/** The courses a trainer owns or co-trains (all courses for an admin). */
export function MyCoursesPage() {
  const { t, i18n } = useTranslation('courses');
  const { data, isPending, error } = useMyCourses();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <section>
      <h1>{t('teach.title')}</h1>
      <NewCourseForm />
      <FormError error={error} />
      {isPending && <p role="status">{t('common.loading')}</p>}
      {data && data.items.length === 0 && <p>{t('teach.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('teach.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editor.title')}</th>
                <th scope="col">{t('teach.status')}</th>
                <th scope="col">{t('teach.published')}</th>
                <th scope="col">{t('teach.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((course) => (
                <tr key={course.id}>
                  <th scope="row" {...contentLang(course.language)}>
                    {course.title}
                  </th>
                  <td>{t(`courseStatuses.${course.status}`)}</td>
                  <td>{course.publishedAt ? date.format(new Date(course.publishedAt)) : '—'}</td>
                  <td>
                    <div className="row-actions">
                      <Link to={`/teach/${course.id}`}>
                        {t('teach.edit')}
                        <span className="visually-hidden"> {course.title}</span>
                      </Link>
                      <Link to={`/teach/${course.id}/learners`}>
                        {t('course.learners')}
                        <span className="visually-hidden"> {course.title}</span>
                      </Link>
                      <Link to={`/courses/${course.slug}`}>
                        {t('teach.view')}
                        <span className="visually-hidden"> {course.title}</span>
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
