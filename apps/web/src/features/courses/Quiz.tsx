import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useAttempt } from '../../api/learning/use-attempt';
import { lessonKeys, type Lesson } from '../../api/learning/use-lesson';
import { usePreviewAttempt } from '../../api/learning/use-preview-attempt';
import { useStartAttempt } from '../../api/learning/use-start-attempt';
import { FieldErrorMessage } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { numberFormat } from '../../intl';
import { useOnline } from '../../offline/use-online';
import { contentLang } from './parts';
import { Countdown } from './quiz/Countdown';
import { QuestionInputs, type QuizQuestion } from './quiz/QuestionInputs';
import { QuestionReveal, type Verdict } from './quiz/QuestionReveal';
import { buildAnswers, isAnswered, type AnswerDraft } from './quiz/quiz-answers';
import { QuizOutcome, type QuizResult } from './quiz/QuizOutcome';
import { QuizFacts, QuizProgress, focusQuestion, questionAnchor } from './quiz/QuizParts';
import { UnansweredDialog, type Unanswered } from './quiz/UnansweredDialog';

/** The server's 30 s of grace past a deadline, and a little more: then the expired draw is recorded. */
const AFTER_GRACE_MS = 32_000;

/**
 * A trainer's preview of an ordering question gets the items in a fixed jumble (their pool holds
 * them in the right order, which would give the answer away); a learner's come shuffled by the API.
 */
function shownOrder(question: QuizQuestion, preview: boolean): string[] {
  const ids = question.options.map((option) => option.id);
  return preview ? [...ids].sort() : ids;
}

interface QuestionBlockProps {
  question: QuizQuestion;
  index: number;
  total: number;
  language: string;
  draft: AnswerDraft;
  onChange: (draft: AnswerDraft) => void;
  disabled: boolean;
  preview: boolean;
  closed: boolean;
  verdict?: Verdict;
}

/** One question: a fieldset whose legend says which of how many it is, its controls, and once shown its answers. */
function QuestionBlock({ question, index, total, language, draft, onChange, disabled, preview, closed, verdict }: QuestionBlockProps) {
  const { t, i18n } = useTranslation('courses');
  const number = numberFormat(i18n.language);
  const right = new Set(verdict?.correctOptionIds ?? (preview ? [] : question.options.filter((o) => o.correct).map((o) => o.id)));
  return (
    <fieldset id={questionAnchor(question.id)} tabIndex={-1} className="question" {...contentLang(language)}>
      <legend>
        <span className="muted" {...contentLang(i18n.language)}>
          {t('quiz.questionNumber', { number: number.format(index + 1), total: number.format(total) })}
        </span>{' '}
        {question.prompt}
        {question.type === 'multiple' && <span className="muted"> {t('quiz.chooseAll')}</span>}
        {question.type === 'ordering' && <span className="muted"> {t('quiz.putInOrder')}</span>}
        {question.type === 'matching' && <span className="muted"> {t('quiz.matchEach')}</span>}
      </legend>
      <QuestionInputs question={question} draft={draft} onChange={onChange} disabled={disabled} rightOptionIds={right} />
      {/* The answers go in the order of the questions: answers.<index> is this one. */}
      <FieldErrorMessage name={`answers.${index}`} {...contentLang(i18n.language)} />
      {(verdict || (closed && !preview)) && <QuestionReveal question={question} verdict={verdict} />}
    </fieldset>
  );
}

/** A timed quiz before its clock runs: what the limit is, and Start (which draws the questions). */
function StartTimed({ lesson, onStarted }: { lesson: Lesson; onStarted: () => void }) {
  const { t, i18n } = useTranslation('courses');
  const start = useStartAttempt();
  const online = useOnline();
  const minutes = lesson.quiz!.timeLimitMinutes ?? 0;
  if (!online) return <p className="panel quiz-start">{t('offline.timedQuiz')}</p>;
  return (
    <div className="panel quiz-start">
      <p>{t('quiz.timedIntro', { minutes: numberFormat(i18n.language).format(minutes) })}</p>
      <FormError error={start.error} />
      <button
        type="button"
        disabled={start.isPending}
        onClick={() => {
          // Said before the request: the questions may render before a success callback would run.
          onStarted();
          start.mutate(lesson.id);
        }}
      >
        {t('quiz.start')}
      </button>
    </div>
  );
}

/**
 * A quiz: the questions drawn for this attempt, one fieldset each, with the learner's progress
 * through them. After an attempt the learner sees the score, how many were right and the topics to
 * revisit; which questions and options were right only once the API reveals them (passed, or no
 * attempt left), so repeated attempts cannot map out the answers; each attempt gets a new draw.
 * `preview`: the course's trainers see it as a learner does (the answers the API sends them stay
 * hidden) and may submit it as often as they like; it is graded and nothing is kept.
 */
export function Quiz({ lesson, language, preview = false }: { lesson: Lesson; language: string; preview?: boolean }) {
  const { t, i18n } = useTranslation('courses');
  const client = useQueryClient();
  const recorded = useAttempt();
  const previewed = usePreviewAttempt();
  const attempt = preview ? previewed : recorded;
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>({});
  const [result, setResult] = useState<QuizResult>();
  const [asking, setAsking] = useState<Unanswered[]>();
  const [timeUp, setTimeUp] = useState(false);
  // Answered offline: queued, graded by the API when sent (the offline sync page shows the score).
  const [queued, setQueued] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  const quiz = lesson.quiz!;
  // A new attempt, a new draw: nothing of the last one is answered in it (a question drawn again
  // starts blank), and a timed one's clock and the last outcome are over.
  const [attemptShown, setAttemptShown] = useState(quiz.attempt?.attemptNumber);
  if (quiz.attempt && quiz.attempt.attemptNumber !== attemptShown) {
    setAttemptShown(quiz.attempt.attemptNumber);
    setDrafts({});
    setTimeUp(false);
    if (quiz.attempt.deadline) setResult(undefined);
  }
  const progress = lesson.progress;
  const passed = progress?.attempts.some((a) => a.passed) ?? false;
  const exhausted = progress?.attemptsLeft === 0;
  const closed = !preview && (passed || exhausted || !progress);
  const questions = quiz.questions;
  const waitingToStart = !preview && !closed && quiz.timeLimitMinutes !== null && !quiz.attempt;
  const number = numberFormat(i18n.language);
  const draftOf = (question: QuizQuestion): AnswerDraft => drafts[question.id] ?? { order: shownOrder(question, preview) };
  const answered = (question: QuizQuestion) => isAnswered(question, drafts[question.id], i18n.language);
  const unanswered = questions.filter((q) => !answered(q));
  const verdicts = new Map(result?.results?.map((r) => [r.questionId, r]));

  // Start pressed: once its questions are there, the focus goes to the first.
  const started = useRef(false);
  useEffect(() => {
    if (!started.current || !questions[0]) return;
    started.current = false;
    focusQuestion(questions[0].id);
  }, [questions]);

  // The outcome takes the focus from the submit button (or the closed dialog), not from the
  // completion screen the same answer may have brought up above the lesson.
  useEffect(() => {
    const active = document.activeElement;
    const form = outcome.current?.closest('form');
    if (result && (!active || active === document.body || form?.contains(active))) outcome.current?.focus();
  }, [result]);

  function send() {
    setAsking(undefined);
    const answers = buildAnswers(questions, drafts, i18n.language);
    const onSuccess = (r: QuizResult | null) => (r ? setResult(r) : setQueued(true));
    if (preview) previewed.mutate({ id: lesson.id, body: { answers } }, { onSuccess });
    else recorded.mutate({ id: lesson.id, body: { answers }, courseId: lesson.courseId, title: lesson.title }, { onSuccess });
  }

  /**
   * Leaving questions out is the learner's choice, but asked first: each counts as wrong and the
   * attempt is used. Nothing answered at all goes straight to the API, which refuses it without
   * using an attempt and says why.
   */
  function submit(event: FormEvent) {
    event.preventDefault();
    if (unanswered.length > 0 && unanswered.length < questions.length) {
      setAsking(unanswered.map((q) => ({ id: q.id, number: questions.indexOf(q) + 1, prompt: q.prompt })));
      return;
    }
    send();
  }

  /** The deadline: what is answered is sent; with nothing answered the server records the attempt as timed out. */
  function expire() {
    setTimeUp(true);
    if (questions.length > unanswered.length) send();
    else {
      setAsking(undefined);
      setTimeout(() => void client.invalidateQueries({ queryKey: lessonKeys.detail(lesson.id) }), AFTER_GRACE_MS);
    }
  }

  const preTest = quiz.purpose === 'pre_test';
  const running = !preview && quiz.attempt?.deadline && !closed && !result;
  return (
    <Form error={attempt.error} onSubmit={submit} className="quiz">
      <QuizFacts lesson={lesson} />
      {!closed && questions.length > 0 && unanswered.length > 0 && (
        <p className="muted quiz-unanswered">{t('quiz.unanswered', { left: number.format(unanswered.length) })}</p>
      )}
      {result && <QuizOutcome ref={outcome} result={result} questionCount={questions.length} preview={preview} preTest={preTest} />}
      {!result && preTest && (passed || exhausted) && <p className="notice">{t('quiz.preTestTaken')}</p>}
      {!result && !preTest && passed && <p className="notice success">{t('quiz.alreadyPassed')}</p>}
      {!result && !preTest && !passed && exhausted && <p className="notice">{t('quiz.noAttemptsLeft')}</p>}
      {running && quiz.attempt?.deadline && (
        <Countdown key={quiz.attempt.attemptNumber} deadline={quiz.attempt.deadline} onExpire={expire} />
      )}
      {timeUp && !result && (
        <p role="status" className="notice">
          {t('quiz.timeUp')}
        </p>
      )}
      {queued && (
        <p role="status" className="notice">
          {t('offline.quizQueued')} <Link to="/sync">{t('offline.seeSync')}</Link>
        </p>
      )}
      {waitingToStart && <StartTimed lesson={lesson} onStarted={() => (started.current = true)} />}
      {questions.length > 1 && !closed && <QuizProgress questions={questions} answered={answered} />}
      {questions.map((question, index) => (
        <QuestionBlock
          key={question.id}
          question={question}
          index={index}
          total={questions.length}
          language={language}
          draft={draftOf(question)}
          onChange={(draft) => setDrafts((current) => ({ ...current, [question.id]: draft }))}
          disabled={closed || attempt.isPending || timeUp || queued}
          preview={preview}
          closed={closed}
          verdict={verdicts.get(question.id)}
        />
      ))}
      <FormError />
      {!closed && questions.length > 0 && (
        <>
          <button type="submit" disabled={attempt.isPending || timeUp || queued}>
            {result ? t('quiz.submitAgain') : t('quiz.submit')}
          </button>
          {unanswered.length > 0 && <p className="muted">{t('quiz.unanswered', { left: number.format(unanswered.length) })}</p>}
        </>
      )}
      {asking && (
        <UnansweredDialog
          questions={asking}
          preview={preview}
          onGoBack={() => {
            const first = asking[0];
            setAsking(undefined);
            if (first) requestAnimationFrame(() => focusQuestion(first.id));
          }}
          onSubmit={send}
        />
      )}
    </Form>
  );
}
