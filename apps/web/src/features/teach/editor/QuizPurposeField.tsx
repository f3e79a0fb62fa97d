import { useTranslation } from 'react-i18next';
import { QUIZ_PURPOSES, type QuizPurpose } from '@ctlp/contracts';
import { Field } from '../../../components/Field';
import type { QuizDraft } from './QuizBuilder';

/**
 * Whether a quiz is graded or is the course's pre-test or post-test. A pre-test has one attempt and
 * no pass mark (the API enforces both): the draft says so at once, so what the author sees is what
 * is saved.
 */
export function QuizPurposeField({ quiz, onChange }: { quiz: QuizDraft; onChange: (quiz: QuizDraft) => void }) {
  const { t } = useTranslation('courses');
  const purpose = quiz.purpose ?? 'graded';
  const choose = (next: QuizPurpose) =>
    onChange(next === 'pre_test' ? { ...quiz, purpose: next, maxAttempts: 1, passMark: 0 } : { ...quiz, purpose: next });
  return (
    <Field label={t('quizPurpose.label')} name="quiz.purpose" hint={t(`quizPurpose.hints.${purpose}`)}>
      <select value={purpose} onChange={(event) => choose(event.target.value as QuizPurpose)}>
        {QUIZ_PURPOSES.map((value) => (
          <option key={value} value={value}>
            {t(`quizPurpose.options.${value}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}
