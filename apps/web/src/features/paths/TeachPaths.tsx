import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useEditableLearningPaths } from '../../api/learning-paths/use-editable-learning-paths';
import { useCreateLearningPath } from '../../api/learning-paths/use-learning-path-edits';
import { AsyncTable } from '../../components/Async';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { currentLocale } from '../../i18n';
import { numberFormat } from '../../intl';
import { contentLang } from '../courses/parts';

/** The learning paths a trainer owns (an admin: all), and a form to start a new one. */
export function TeachPaths() {
  const { t, i18n } = useTranslation('courses');
  const paths = useEditableLearningPaths();
  const create = useCreateLearningPath();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const number = numberFormat(i18n.language);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ title, language: currentLocale() }, { onSuccess: (path) => void navigate(`/teach/paths/${path.id}`) });
  }
  return (
    <section aria-labelledby="teach-paths-heading">
      <h2 id="teach-paths-heading">{t('paths.title')}</h2>
      <Form error={create.error} onSubmit={submit} className="panel" aria-labelledby="new-path-heading">
        <h3 id="new-path-heading">{t('paths.new')}</h3>
        <FormError />
        <Field label={t('editor.title')} name="title">
          <input required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
        </Field>
        <button type="submit" disabled={create.isPending}>
          {t('paths.create')}
        </button>
      </Form>
      <AsyncTable
        cardsOnPhones
        query={paths}
        caption={t('paths.title')}
        empty={t('paths.noneYet')}
        columns={[t('editor.title'), t('teach.status'), t('paths.courses'), t('teach.actions')]}
        rowKey={(path) => path.id}
        row={(path) => (
          <>
            <th scope="row">
              <bdi {...contentLang(path.language)}>{path.title}</bdi>
            </th>
            <td>{t(`courseStatuses.${path.status}`)}</td>
            <td>{number.format(path.courseCount)}</td>
            <td>
              <div className="row-actions">
                <Link to={`/teach/paths/${path.id}`}>
                  {t('teach.edit')}
                  <span className="visually-hidden"> {path.title}</span>
                </Link>
                <Link to={`/paths/${path.slug}`}>
                  {t('teach.view')}
                  <span className="visually-hidden"> {path.title}</span>
                </Link>
              </div>
            </td>
          </>
        )}
      />
    </section>
  );
}
