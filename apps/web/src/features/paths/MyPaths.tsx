import { useTranslation } from 'react-i18next';
import { useMyLearningPaths } from '../../api/learning-paths/use-my-learning-paths';
import { PathCard } from './PathCard';

/** The learning paths the learner is on (or finished), in My learning; nothing while there is none. */
export function MyPaths() {
  const { t } = useTranslation('courses');
  const { data } = useMyLearningPaths();
  if (!data?.items.length) return null;
  return (
    <section aria-labelledby="my-paths-heading">
      <h2 id="my-paths-heading">{t('paths.mine')}</h2>
      <ul className="cards">
        {data.items.map((path) => (
          <PathCard key={path.id} path={path} progress={path.progress} />
        ))}
      </ul>
    </section>
  );
}
