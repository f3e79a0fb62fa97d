import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CourseSummary } from '../../api/courses/use-catalog';
import { TopicChips } from '../../components/Topics';
import { languageName } from '../../intl';
import { CourseCover } from './CourseCover';
import { useDuration, contentLang } from './parts';
import { AlsoIn } from './versions';

/** How wide a card's cover shows: the grid's columns are at least 18rem, in a page at most 72rem wide. */
const CARD_COVER_SIZES = '(min-width: 40rem) 23rem, calc(100vw - 2rem)';

/**
 * A course as a card (the catalog, the home page, what to take next): cover, title, summary,
 * language and time, the other languages it is in, topics. `heading` is the title's level where the card sits.
 */
export function CourseCard({ course, heading = 'h2' }: { course: CourseSummary; heading?: 'h2' | 'h3' }) {
  const { i18n } = useTranslation();
  const duration = useDuration();
  const Heading = heading;
  return (
    <li className="card">
      <CourseCover course={course} sizes={CARD_COVER_SIZES} />
      <Heading>
        <Link to={`/courses/${course.slug}`} {...contentLang(course.language)}>
          {course.title}
        </Link>
      </Heading>
      <p {...contentLang(course.language)}>{course.summary}</p>
      <p className="muted">
        {languageName(i18n.language, course.language)} · {duration(course.estimatedMinutes)}
      </p>
      <AlsoIn courseId={course.id} versions={course.versions} />
      <TopicChips topics={course.topics} />
    </li>
  );
}
