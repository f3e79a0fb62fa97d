import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

/** Above a pre-test or post-test: what it is for and what is different about it. Nothing for a graded quiz. */
export function QuizPurposeNote({ quiz }: { quiz: Schemas['QuizDto'] }) {
  const { t } = useTranslation('courses');
  if (quiz.purpose === 'graded') return null;
  return <p className="notice">{t(`quizPurpose.learnerNotes.${quiz.purpose}`)}</p>;
}
