import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Course } from '../../api/courses/use-course';
import { useEvaluation } from '../../api/evaluations/use-evaluation';

/** On the completion panel: an invitation to the course's evaluation, or thanks once it is answered. */
export function EvaluationPrompt({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const { data } = useEvaluation(course.id);
  if (!data?.learner?.open) return null;
  if (data.learner.answered) return <p className="muted">{t('evaluation.thanks')}</p>;
  return (
    <div className="notice">
      <p>{t('evaluation.invitation')}</p>
      <p>
        <Link className="button" to={`/courses/${course.slug}/evaluation`}>
          {t('evaluation.answer')}
        </Link>
      </p>
    </div>
  );
}
