import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../api/learning/use-lesson';
import { numberFormat } from '../../../intl';
import type { QuizQuestion } from './QuestionInputs';

/** The pass mark and attempts left (the first line of the quiz), then the earlier attempts. */
export function QuizFacts({ lesson }: { lesson: Lesson }) {
  const { t, i18n } = useTranslation('courses');
  const quiz = lesson.quiz!;
  const progress = lesson.progress;
  const number = numberFormat(i18n.language, { maximumFractionDigits: 1 });
  const preTest = quiz.purpose === 'pre_test';
  return (
    <>
      <p className="muted">
        {!preTest && <>{t('quiz.passMark', { mark: quiz.passMark })} </>}
        {progress &&
          (progress.attemptsLeft === null ? t('quiz.unlimited') : t('quiz.attemptsLeft', { left: number.format(progress.attemptsLeft) }))}
        {quiz.timeLimitMinutes !== null && <> {t('quiz.timeLimit', { minutes: number.format(quiz.timeLimitMinutes) })}</>}
      </p>
      {progress && progress.attempts.length > 0 && (
        <details>
          <summary>{t('quiz.previousAttempts')}</summary>
          <ol>
            {progress.attempts.map((a) => (
              <li key={a.attemptNumber}>
                {t('quiz.attemptScore', { score: number.format(a.score) })}
                {!preTest && <> — {a.passed ? t('quiz.passed') : t('quiz.notPassed')}</>}
                {a.timedOut && <> {t('quiz.attemptTimedOut')}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

export const questionAnchor = (id: string) => `question-${id}`;

/** Moves the focus into a question: its first control that can take it, else the fieldset itself. */
export function focusQuestion(id: string) {
  const fieldset = document.getElementById(questionAnchor(id));
  const control = fieldset?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), button:not([disabled])');
  (control ?? fieldset)?.focus();
  fieldset?.scrollIntoView({ block: 'start' });
}

/**
 * How far the learner is: a progress bar of the questions answered, and a link to each question
 * saying whether it is answered, to jump back to one left out.
 */
export function QuizProgress({ questions, answered }: { questions: QuizQuestion[]; answered: (question: QuizQuestion) => boolean }) {
  const { t, i18n } = useTranslation('courses');
  const number = numberFormat(i18n.language);
  const done = questions.filter(answered).length;
  const label = t('quiz.answeredCount', { answered: number.format(done), total: number.format(questions.length) });
  return (
    <nav className="quiz-progress" aria-label={t('quiz.questionsNav')}>
      <p>
        <label>
          {label} <progress max={questions.length} value={done} />
        </label>
      </p>
      <ol className="question-links">
        {questions.map((question, index) => (
          <li key={question.id} className={answered(question) ? 'answered' : 'unanswered'}>
            <a
              href={`#${questionAnchor(question.id)}`}
              onClick={(event) => {
                event.preventDefault();
                focusQuestion(question.id);
              }}
            >
              {t('quiz.questionShort', { number: number.format(index + 1) })}{' '}
              <span className="muted">({answered(question) ? t('quiz.answered') : t('quiz.notAnswered')})</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
