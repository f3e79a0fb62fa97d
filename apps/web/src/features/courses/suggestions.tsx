import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCatalog } from '../../api/courses/use-catalog';
import { CourseCard } from './CourseCard';

/** Enough to fill a row of suggestions once the courses to leave out are taken away. */
const FETCHED = 8;

/**
 * A few published courses the reader may take next, leaving out those in `exclude` (the one just
 * finished, those already started): for the home page and the end of a course.
 */
export function CourseSuggestions({ heading, exclude = [], limit = 3 }: { heading: string; exclude?: string[]; limit?: number }) {
  const { t } = useTranslation('common');
  const { data } = useCatalog({ limit: FETCHED, offset: 0 });
  const courses = (data?.items ?? []).filter((course) => !exclude.includes(course.id)).slice(0, limit);
  if (courses.length === 0) return null;
  return (
    <section className="suggestions" aria-label={heading}>
      <h2>{heading}</h2>
      <ul className="cards">
        {courses.map((course) => (
          <CourseCard key={course.id} course={course} heading="h3" />
        ))}
      </ul>
      <p>
        <Link to="/courses">{t('home.browse')}</Link>
      </p>
    </section>
  );
}
