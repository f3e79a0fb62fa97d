import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LOCALES } from '@ctlp/contracts';
import { useCatalog } from '../../api/courses/use-catalog';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { FormError } from '../../components/FormError';
import { Pagination } from '../../components/Pagination';
import { TopicSelect } from '../../components/Topics';
import { usePageTitle } from '../../components/use-page-title';
import { LANGUAGE_NAMES } from '../../i18n';
import { CATALOG_PAGE_SIZE, catalogFilters } from './catalog-filters';
import { CourseCard } from './CourseCard';
import { CatalogPaths } from '../paths/CatalogPaths';

/**
 * Cards' places while the catalog loads: on a phone they reach below the fold, so the footer
 * stays where the courses will put it (it moved, CLS 0.126, before); on a desk, one row.
 */
const SKELETON_CARDS = 3;

/** Published courses the visitor may see: search, topic and language, kept in the address. */
export function CatalogPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('catalog.title'));
  const [params, setParams] = useSearchParams();
  const filters = catalogFilters(params);
  const fromAddress = { q: filters.q ?? '', topic: filters.topic ?? '', language: filters.language ?? '' };
  const [draft, setDraft] = useState(fromAddress);
  // Back and forward change the address: the search form shows what it now says.
  const [shown, setShown] = useState(params.toString());
  if (shown !== params.toString()) {
    setShown(params.toString());
    setDraft(fromAddress);
  }
  const { data, isPending, error } = useCatalog(filters);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.topic) next.set('topic', draft.topic);
    if (draft.language) next.set('language', draft.language);
    setParams(next);
  }

  return (
    <section>
      <h1>{t('catalog.title')}</h1>
      {/* A plain GET form too: on a slow link the server-rendered catalog searches before its scripts arrive. */}
      <form role="search" className="filters" method="get" action="/courses" onSubmit={apply}>
        <Field label={t('catalog.search')}>
          <input type="search" name="q" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </Field>
        <Field label={t('catalog.topic')}>
          <TopicSelect name="topic" value={draft.topic} onChange={(topic) => setDraft({ ...draft, topic })} />
        </Field>
        <Field label={t('catalog.language')}>
          <select name="language" value={draft.language} onChange={(event) => setDraft({ ...draft, language: event.target.value })}>
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
      {/* Paths sit above the first page of the unfiltered catalog; a search is for courses. */}
      {!filters.q && !filters.topic && !filters.language && filters.offset === 0 && <CatalogPaths />}
      <FormError error={error} />
      <p role="status" className="muted">
        {data ? t('catalog.count', { total: data.total }) : isPending ? t('common.loading') : ''}
      </p>
      {data && data.items.length === 0 && <p>{t('catalog.empty')}</p>}
      {isPending && <Loading shape="cards" count={SKELETON_CARDS} />}
      <ul className="cards">
        {data?.items.map((course) => (
          <CourseCard key={course.id} course={course} />
        ))}
      </ul>
      {data && (
        <Pagination
          total={data.total}
          limit={CATALOG_PAGE_SIZE}
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
