import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { useAttempt } from '../../api/learning/use-attempt';
import type { Lesson } from '../../api/learning/use-lesson';
import { usePreviewAttempt } from '../../api/learning/use-preview-attempt';
import { useConfirm } from '../../components/Feedback';
import { FieldErrorMessage } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { contentLang } from './parts';
import { numberFormat } from '../../intl';

/**
 * A graded attempt, recorded or previewed: a preview has no attempts to count, and always has its
 * verdicts; a recorded attempt has them only once the quiz is passed or every attempt is used.
 */
type Result = Pick<Schemas['AttemptResultDto'], 'score' | 'passed' | 'results'> &
  Partial<Pick<Schemas['AttemptResultDto'], 'attemptsLeft' | 'rightCount' | 'questionCount'>>;

/**
 * A quiz: one fieldset per question, radios or checkboxes. After an attempt the learner sees the
 * score and how many were right; which questions and options were right only once the API reveals
 * them (passed, or no attempt left), so repeated attempts cannot map out the answers.
 * `preview`: the course's trainers see it exactly as a learner does (the answers the API sends
 * them stay hidden) and may submit it as often as they like; it is graded and nothing is kept.
 */
export function Quiz({ lesson, language, preview = false }: { lesson: Lesson; language: string; preview?: boolean }) {
  const { t, i18n } = useTranslation('courses');
  const recorded = useAttempt();
  const previewed = usePreviewAttempt();
  const attempt = preview ? previewed : recorded;
  const confirm = useConfirm();
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<Result>();
  const quiz = lesson.quiz!;
  const progress = lesson.progress;
  const passed = progress?.attempts.some((a) => a.passed) ?? false;
  const exhausted = progress?.attemptsLeft === 0;
  const closed = !preview && (passed || exhausted || !progress);
  const number = numberFormat(i18n.language, { maximumFractionDigits: 1 });
  const unanswered = quiz.questions.filter((q) => !choices[q.id]?.length).length;
  const feedback = new Map(result?.results?.map((r) => [r.questionId, r]));
  const rightCount = result?.rightCount ?? result?.results?.filter((r) => r.correct).length;
  const questionCount = result?.questionCount ?? quiz.questions.length;

  function choose(questionId: string, optionId: string, multiple: boolean, checked: boolean) {
    const current = choices[questionId] ?? [];
    const next = multiple ? (checked ? [...current, optionId] : current.filter((id) => id !== optionId)) : [optionId];
    setChoices({ ...choices, [questionId]: next });
  }

  /**
   * Sends the attempt. Leaving questions out is the learner's choice, but asked first: each counts
   * as wrong and the attempt is used. Nothing answered at all goes straight to the API, which
   * refuses it without using an attempt and says why.
   */
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      unanswered > 0 &&
      unanswered < quiz.questions.length &&
      !(await confirm({
        title: t('quiz.confirmUnanswered', { left: number.format(unanswered) }),
        body: preview ? t('preview.confirmUnansweredBody') : t('quiz.confirmUnansweredBody'),
        confirmLabel: t('quiz.submitAnyway'),
      }))
    )
      return;
    const answers = quiz.questions.map((question) => ({ questionId: question.id, optionIds: choices[question.id] ?? [] }));
    attempt.mutate({ id: lesson.id, body: { answers } }, { onSuccess: (r: Result) => setResult(r) });
  }

  return (
    <Form error={attempt.error} onSubmit={(event) => void submit(event)} className="quiz">
      <p className="muted">
        {t('quiz.passMark', { mark: quiz.passMark })}{' '}
        {progress &&
          (progress.attemptsLeft === null ? t('quiz.unlimited') : t('quiz.attemptsLeft', { left: number.format(progress.attemptsLeft) }))}
      </p>
      {!closed && unanswered > 0 && <p className="muted quiz-unanswered">{t('quiz.unanswered', { left: number.format(unanswered) })}</p>}
      {progress && progress.attempts.length > 0 && (
        <details>
          <summary>{t('quiz.previousAttempts')}</summary>
          <ol>
            {progress.attempts.map((a) => (
              <li key={a.attemptNumber}>
                {t('quiz.attemptScore', { score: number.format(a.score) })} — {a.passed ? t('quiz.passed') : t('quiz.notPassed')}
              </li>
            ))}
          </ol>
        </details>
      )}
      {result && (
        <div role="status" className={result.passed ? 'notice success' : 'notice'}>
          <p>
            <strong>{t('quiz.yourScore', { score: number.format(result.score) })}</strong>{' '}
            {rightCount !== undefined && (
              <>{t('quiz.rightCount', { right: number.format(rightCount), total: number.format(questionCount) })} </>
            )}
            {result.passed ? t('quiz.passedMessage') : result.attemptsLeft === 0 ? t('quiz.noAttemptsLeft') : t('quiz.tryAgain')}
            {preview && <> {t('preview.notRecorded')}</>}
          </p>
          {!result.results && (
            <p className="muted">{result.attemptsLeft === null ? t('quiz.verdictsLaterUnlimited') : t('quiz.verdictsLater')}</p>
          )}
        </div>
      )}
      {!result && passed && <p className="notice success">{t('quiz.alreadyPassed')}</p>}
      {!result && !passed && exhausted && <p className="notice">{t('quiz.noAttemptsLeft')}</p>}
      {quiz.questions.map((question, index) => {
        const multiple = question.type === 'multiple';
        const verdict = feedback.get(question.id);
        const revealed = new Set(verdict?.correctOptionIds ?? (preview ? [] : question.options.filter((o) => o.correct).map((o) => o.id)));
        const showAnswers = revealed.size > 0;
        return (
          <fieldset key={question.id} className="question" {...contentLang(language)}>
            <legend>
              <span className="muted">{t('quiz.questionNumber', { number: index + 1 })}</span> {question.prompt}
              {multiple && <span className="muted"> {t('quiz.chooseAll')}</span>}
            </legend>
            {question.options.map((option) => (
              <label key={option.id} className="checkbox">
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={question.id}
                  value={option.id}
                  disabled={closed || attempt.isPending}
                  checked={(choices[question.id] ?? []).includes(option.id)}
                  onChange={(event) => choose(question.id, option.id, multiple, event.target.checked)}
                />{' '}
                {option.text}
                {showAnswers && revealed.has(option.id) && <strong className="correct-answer"> — {t('quiz.correctAnswer')}</strong>}
              </label>
            ))}
            {/* The answers go in the order of the questions: answers.<index> is this one. */}
            <FieldErrorMessage name={`answers.${index}`} {...contentLang(i18n.language)} />
            {verdict && (
              <p className={verdict.correct ? 'verdict right' : 'verdict wrong'}>{verdict.correct ? t('quiz.right') : t('quiz.wrong')}</p>
            )}
          </fieldset>
        );
      })}
      <FormError />
      {!closed && (
        <>
          <button type="submit" disabled={attempt.isPending}>
            {result ? t('quiz.submitAgain') : t('quiz.submit')}
          </button>
          {unanswered > 0 && <p className="muted">{t('quiz.unanswered', { left: number.format(unanswered) })}</p>}
        </>
      )}
    </Form>
  );
}
