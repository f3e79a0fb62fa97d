import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { listFormat, numberFormat } from '../../../intl';

/**
 * A graded attempt, recorded or previewed: a preview has no attempts to count, and always has its
 * verdicts; a recorded attempt has them only once the quiz is passed or every attempt is used.
 */
export type QuizResult = Pick<Schemas['AttemptResultDto'], 'score' | 'passed' | 'results' | 'topicsToRevisit'> &
  Partial<Pick<Schemas['AttemptResultDto'], 'attemptsLeft' | 'rightCount' | 'questionCount' | 'timedOut'>>;

/**
 * What an attempt came to, said when it arrives (the focus moves to it): the score, how many were
 * right, and the topics to revisit; which questions were right only once the API reveals them.
 */
export const QuizOutcome = forwardRef<HTMLDivElement, { result: QuizResult; questionCount: number; preview: boolean; preTest?: boolean }>(
  function QuizOutcome({ result, questionCount, preview, preTest = false }, ref) {
    const { t, i18n } = useTranslation('courses');
    const number = numberFormat(i18n.language, { maximumFractionDigits: 1 });
    const rightCount = result.rightCount ?? result.results?.filter((r) => r.correct).length;
    const total = result.questionCount ?? questionCount;
    // A pre-test is taken once and has no pass mark: its outcome is only that it was recorded.
    const next = preTest
      ? t('quiz.preTestRecorded')
      : result.passed
        ? t('quiz.passedMessage')
        : result.attemptsLeft === 0
          ? t('quiz.noAttemptsLeft')
          : t('quiz.tryAgain');
    return (
      <div
        ref={ref}
        tabIndex={-1}
        role="status"
        className={result.passed && !preTest ? 'notice success quiz-outcome' : 'notice quiz-outcome'}
      >
        {result.timedOut && <p>{t('quiz.timedOut')}</p>}
        <p>
          <strong>{t('quiz.yourScore', { score: number.format(result.score) })}</strong>{' '}
          {rightCount !== undefined && <>{t('quiz.rightCount', { right: number.format(rightCount), total: number.format(total) })} </>}
          {next}
          {preview && <> {t('preview.notRecorded')}</>}
        </p>
        {result.topicsToRevisit.length > 0 && (
          <p className="topics-to-revisit">
            {t('quiz.topicsToRevisit', { topics: listFormat(i18n.language, { type: 'conjunction' }).format(result.topicsToRevisit) })}
          </p>
        )}
        {!result.results && !preTest && (
          <p className="muted">{result.attemptsLeft === null ? t('quiz.verdictsLaterUnlimited') : t('quiz.verdictsLater')}</p>
        )}
        {!result.results && !preTest && !result.passed && result.attemptsLeft !== 0 && <p className="muted">{t('quiz.newDraw')}</p>}
      </div>
    );
  },
);
