import { useTranslation } from 'react-i18next';
import { useLearningPaths } from '../../api/learning-paths/use-learning-paths';
import { PathCard } from './PathCard';

/** The catalog's learning paths, above its courses; nothing at all while there is none. */
export function CatalogPaths() {
  const { t } = useTranslation('courses');
  const { data } = useLearningPaths();
  if (!data?.items.length) return null;
  return (
    <section aria-labelledby="catalog-paths-heading" className="catalog-paths">
      <h2 id="catalog-paths-heading">{t('paths.title')}</h2>
      <p className="muted">{t('paths.intro')}</p>
      <ul className="cards">
        {data.items.map((path) => (
          <PathCard key={path.id} path={path} />
        ))}
      </ul>
    </section>
  );
}
