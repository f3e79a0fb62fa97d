import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { useCourse } from '../../../api/courses/use-course';
import { useEvaluation } from '../../../api/evaluations/use-evaluation';
import { useEvaluationResults } from '../../../api/evaluations/use-evaluation-results';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { contentLang } from '../../courses/parts';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { EvaluationItemsEditor } from './EvaluationItemsEditor';
import { EvaluationResults } from './EvaluationResults';

/** A course's evaluation for its trainers: the questionnaire to write, and what learners answered. */
export function EvaluationEditorPage() {
  const { t } = useTranslation('courses');
  const { courseId = '' } = useParams();
  const course = useCourse(courseId);
  const evaluation = useEvaluation(courseId);
  const results = useEvaluationResults(courseId);
  const title = course.data ? t('evaluationEditor.title', { title: course.data.title }) : undefined;
  usePageTitle(title);
  if (course.isPending || evaluation.isPending || results.isPending) return <Loading />;
  if ([course.error, evaluation.error, results.error].some((e) => e instanceof ApiError && e.status === 404)) return <NotFoundPage />;
  if (!course.data || !evaluation.data || !results.data) return <FormError error={course.error ?? evaluation.error ?? results.error} />;
  const lang = contentLang(course.data.language);

  return (
    <section>
      <p className="muted">
        <Link to={`/teach/${courseId}`}>{course.data.title}</Link>
      </p>
      <h1>{title}</h1>
      <EvaluationResults results={results.data} lang={lang} />
      <EvaluationItemsEditor courseId={courseId} evaluation={evaluation.data} lang={lang} />
    </section>
  );
}
