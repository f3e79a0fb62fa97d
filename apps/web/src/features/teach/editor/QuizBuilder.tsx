import { useTranslation } from 'react-i18next';
import { QUESTION_TYPES, type QuestionType } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import { Field, FieldErrorMessage } from '../../../components/Field';
import { QuizPurposeField } from './QuizPurposeField';

export type QuizDraft = Schemas['QuizInputDto'];
type Question = QuizDraft['questions'][number];
type Option = Question['options'][number];

export function newQuestion(type: QuestionType, t: (key: string) => string): Question {
  if (type === 'true_false') {
    return {
      type,
      prompt: '',
      options: [
        { text: t('quizBuilder.true'), correct: true },
        { text: t('quizBuilder.false'), correct: false },
      ],
    };
  }
  return {
    type,
    prompt: '',
    options: [
      { text: '', correct: true },
      { text: '', correct: false },
    ],
  };
}

/** A new quiz starts with one question to show the author the shape. */
export function sampleQuiz(t: (key: string) => string): QuizDraft {
  return {
    passMark: 70,
    maxAttempts: 3,
    questions: [
      {
        ...newQuestion('single', t),
        prompt: t('quizBuilder.samplePrompt'),
        options: [
          { text: t('quizBuilder.sampleRight'), correct: true },
          { text: t('quizBuilder.sampleWrong'), correct: false },
        ],
      },
    ],
  };
}

interface QuestionEditorProps {
  question: Question;
  index: number;
  onChange: (question: Question) => void;
  onRemove: () => void;
}

/** One question: its type, prompt, options and which are right. Errors come from `quiz.questions.<index>.…`. */
function QuestionEditor({ question, index, onChange, onRemove }: QuestionEditorProps) {
  const { t } = useTranslation('courses');
  const prefix = `quiz.questions.${index}`;
  const single = question.type !== 'multiple';
  const setOption = (o: number, option: Partial<Option>) =>
    onChange({
      ...question,
      options: question.options.map((x, i) => (i === o ? { ...x, ...option } : single && option.correct ? { ...x, correct: false } : x)),
    });
  const changeType = (type: QuestionType) =>
    onChange(type === 'true_false' ? { ...newQuestion(type, t), prompt: question.prompt, id: question.id } : { ...question, type });

  return (
    <fieldset className="question">
      <legend>{t('quizBuilder.question', { number: index + 1 })}</legend>
      <FieldErrorMessage name={prefix} />
      <Field label={t('quizBuilder.type')} name={`${prefix}.type`}>
        <select value={question.type} onChange={(event) => changeType(event.target.value as QuestionType)}>
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`questionTypes.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('quizBuilder.prompt')} name={`${prefix}.prompt`}>
        <textarea rows={2} value={question.prompt} onChange={(event) => onChange({ ...question, prompt: event.target.value })} />
      </Field>
      <FieldErrorMessage name={`${prefix}.options`} />
      <ol className="options">
        {question.options.map((option, o) => (
          <li key={option.id ?? `new-${o}`}>
            <Field label={t('quizBuilder.option', { number: o + 1 })} name={`${prefix}.options.${o}.text`}>
              <input
                value={option.text}
                disabled={question.type === 'true_false'}
                onChange={(event) => setOption(o, { text: event.target.value })}
              />
            </Field>
            <label className="checkbox">
              <input
                type={single ? 'radio' : 'checkbox'}
                name={`correct-${index}`}
                checked={option.correct}
                onChange={(event) => setOption(o, { correct: event.target.checked })}
              />{' '}
              {t('quizBuilder.correct')}
            </label>
            {question.type !== 'true_false' && question.options.length > 2 && (
              <button
                type="button"
                className="button-link"
                onClick={() => onChange({ ...question, options: question.options.filter((_, i) => i !== o) })}
              >
                {t('quizBuilder.removeOption', { number: o + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      {question.type !== 'true_false' && question.options.length < 10 && (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ ...question, options: [...question.options, { text: '', correct: false }] })}
        >
          {t('quizBuilder.addOption')}
        </button>
      )}{' '}
      <button type="button" className="danger" onClick={onRemove}>
        {t('quizBuilder.removeQuestion', { number: index + 1 })}
      </button>
    </fieldset>
  );
}

/** Questions, options and the right answers; the API checks the whole quiz when it is saved. */
export function QuizBuilder({ quiz, onChange }: { quiz: QuizDraft; onChange: (quiz: QuizDraft) => void }) {
  const { t } = useTranslation('courses');
  return (
    <div className="quiz-builder">
      <FieldErrorMessage name="quiz" />
      <QuizPurposeField quiz={quiz} onChange={onChange} />
      <div className="filters">
        <Field label={t('quizBuilder.passMark')} name="quiz.passMark">
          <input
            type="number"
            min={0}
            max={100}
            value={quiz.passMark}
            onChange={(event) => onChange({ ...quiz, passMark: Number(event.target.value) })}
          />
        </Field>
        <Field label={t('quizBuilder.maxAttempts')} name="quiz.maxAttempts" hint={t('quizBuilder.maxAttemptsHint')}>
          <input
            type="number"
            min={1}
            max={100}
            value={quiz.maxAttempts ?? ''}
            onChange={(event) => onChange({ ...quiz, maxAttempts: event.target.value === '' ? null : Number(event.target.value) })}
          />
        </Field>
      </div>
      <FieldErrorMessage name="quiz.questions" />
      {quiz.questions.map((question, index) => (
        <QuestionEditor
          key={question.id ?? `new-${index}`}
          question={question}
          index={index}
          onChange={(next) => onChange({ ...quiz, questions: quiz.questions.map((q, i) => (i === index ? next : q)) })}
          onRemove={() => onChange({ ...quiz, questions: quiz.questions.filter((_, i) => i !== index) })}
        />
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange({ ...quiz, questions: [...quiz.questions, newQuestion('single', t)] })}
      >
        {t('quizBuilder.addQuestion')}
      </button>
    </div>
  );
}
