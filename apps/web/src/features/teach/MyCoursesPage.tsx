import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LOCALES, type Locale } from '@ctlp/contracts';
import type { CourseSummary } from '../../api/courses/use-catalog';
import { useCreateCourse } from '../../api/courses/use-course-edits';
import { useMyCourses } from '../../api/courses/use-my-courses';
import { AsyncTable } from '../../components/Async';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';
import { contentLang } from '../courses/parts';
import { dateFormat } from '../../intl';
import { TeachPaths } from '../paths/TeachPaths';

function NewCourseForm() {
  const { t } = useTranslation('courses');
  const create = useCreateCourse();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Locale>(currentLocale());
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ title, language }, { onSuccess: (course) => void navigate(`/teach/${course.id}`) });
  }
  return (
    // Named, as the new path's form below it is: each has a field called Title.
    <Form error={create.error} onSubmit={submit} className="panel" aria-labelledby="new-course-heading">
      <h2 id="new-course-heading">{t('teach.newCourse')}</h2>
      <FormError />
      <Field label={t('editor.title')} name="title">
        <input required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label={t('editor.language')} name="language">
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
    </Form>
  );
}

function CourseCells({ course }: { course: CourseSummary }) {
  const { t, i18n } = useTranslation('courses');
  const date = dateFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <>
      <th scope="row">
        <bdi {...contentLang(course.language)}>{course.title}</bdi>
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
    </>
  );
}

/** The courses a trainer owns or co-trains (all courses for an admin). */
export function MyCoursesPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('teach.title'));
  const courses = useMyCourses();
  return (
    <section>
      <h1>{t('teach.title')}</h1>
      <NewCourseForm />
      <AsyncTable
        cardsOnPhones
        query={courses}
        caption={t('teach.title')}
        empty={t('teach.empty')}
        columns={[t('editor.title'), t('teach.status'), t('teach.published'), t('teach.actions')]}
        rowKey={(course) => course.id}
        row={(course) => <CourseCells course={course} />}
      />
      <TeachPaths />
    </section>
  );
}
