import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { useCatalog } from '../../api/use-courses';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination } from '../../components/Pagination';
import { LANGUAGE_NAMES } from '../../i18n';
import { useDuration, contentLang } from './parts';

const PAGE = 12;

/** Published courses the visitor may see: search, topic and language, kept in the address. */
export function CatalogPage() {
  const { t } = useTranslation('courses');
  const duration = useDuration();
  const [params, setParams] = useSearchParams();
  const filters = {
    limit: PAGE,
    offset: Number(params.get('offset')) || 0,
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    ...(params.get('topic') ? { topic: params.get('topic')! } : {}),
    ...(params.get('language') ? { language: params.get('language') as Locale } : {}),
  };
  const [draft, setDraft] = useState({ q: filters.q ?? '', topic: filters.topic ?? '', language: filters.language ?? '' });
  const { data, isPending, error } = useCatalog(filters);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.topic.trim()) next.set('topic', draft.topic.trim().toLowerCase());
    if (draft.language) next.set('language', draft.language);
    setParams(next);
  }

  return (
    <section>
      <h1>{t('catalog.title')}</h1>
      <form role="search" className="filters" onSubmit={apply}>
        <Field label={t('catalog.search')}>
          <input type="search" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </Field>
        <Field label={t('catalog.topic')} hint={t('catalog.topicHint')}>
          <input value={draft.topic} onChange={(event) => setDraft({ ...draft, topic: event.target.value })} />
        </Field>
        <Field label={t('catalog.language')}>
          <select value={draft.language} onChange={(event) => setDraft({ ...draft, language: event.target.value })}>
            <option value="">{t('common.all')}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('catalog.apply')}</button>
      </form>
      <FormError error={error} />
      <p role="status" className="muted">
        {data ? t('catalog.count', { total: data.total }) : isPending ? t('common.loading') : ''}
      </p>
      {data && data.items.length === 0 && <p>{t('catalog.empty')}</p>}
      <ul className="cards">
        {data?.items.map((course) => (
          <li key={course.id} className="card">
            <h2 {...contentLang(course.language)}>
              <Link to={`/courses/${course.slug}`}>{course.title}</Link>
            </h2>
            <p {...contentLang(course.language)}>{course.summary}</p>
            <p className="muted">
              <span {...contentLang(course.language)}>{LANGUAGE_NAMES[course.language]}</span> · {duration(course.estimatedMinutes)}
              {course.topics.length > 0 && <> · {course.topics.join(', ')}</>}
            </p>
          </li>
        ))}
      </ul>
      {data && (
        <Pagination
          total={data.total}
          limit={PAGE}
          offset={filters.offset}
          onChange={(offset) => {
            const next = new URLSearchParams(params);
            next.set('offset', String(offset));
            setParams(next);
          }}
        />
      )}
    </section>
  );
}
