import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { numberFormat } from '../../../intl';
import { matchChoicesOf, type QuizQuestion } from './QuestionInputs';

export type Verdict = Schemas['QuestionResultDto'];

/**
 * Once the quiz shows its answers: right or wrong (in words, not colour alone), the right order,
 * pairs or number (the right options of choice questions are marked beside them), what the trainer
 * wrote about the options chosen, and the explanation.
 */
export function QuestionReveal({ question, verdict }: { question: QuizQuestion; verdict?: Verdict }) {
  const { t, i18n } = useTranslation('courses');
  const number = numberFormat(i18n.language, { maximumFractionDigits: 6 });
  const texts = new Map(question.options.map((option) => [option.id, option.text]));
  const matches = new Map(matchChoicesOf(question).map((choice) => [choice.id, choice.text]));
  const rightValue = verdict?.correctValue ?? question.numeric?.answer;
  const explanation = verdict?.explanation ?? question.explanation;
  const feedback = (verdict?.chosenFeedback ?? []).filter((text) => text.trim() !== '');
  return (
    <div className="reveal">
      {verdict && (
        <p className={verdict.correct ? 'verdict right' : 'verdict wrong'}>{verdict.correct ? t('quiz.right') : t('quiz.wrong')}</p>
      )}
      {question.type === 'ordering' && verdict?.correctOrder && (
        <>
          <p>{t('quiz.rightOrder')}</p>
          <ol>
            {verdict.correctOrder.map((id) => (
              <li key={id}>{texts.get(id)}</li>
            ))}
          </ol>
        </>
      )}
      {question.type === 'matching' && verdict?.correctPairs && (
        <>
          <p>{t('quiz.rightPairs')}</p>
          <ul>
            {verdict.correctPairs.map((pair) => (
              <li key={pair.optionId}>
                {texts.get(pair.optionId)} → {matches.get(pair.matchId) ?? ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {question.type === 'numeric' && rightValue !== undefined && (
        <p>
          {t('quiz.rightNumber', { value: number.format(rightValue) })}
          {question.numeric && question.numeric.tolerance > 0 && (
            <> {t('quiz.tolerance', { tolerance: number.format(question.numeric.tolerance) })}</>
          )}
        </p>
      )}
      {feedback.length > 0 && (
        <div className="option-feedback">
          <p>{t('quiz.aboutYourAnswer')}</p>
          <ul>
            {feedback.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {explanation && (
        <p className="explanation">
          <strong>{t('quiz.explanation')}</strong> {explanation}
        </p>
      )}
    </div>
  );
}
