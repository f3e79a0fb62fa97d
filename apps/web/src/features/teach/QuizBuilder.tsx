import { useTranslation } from 'react-i18next';
import { QUESTION_TYPES, type QuestionType } from '@ctlp/contracts';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';

export type QuizDraft = Schemas['QuizInputDto'];
type Question = QuizDraft['questions'][number];

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

/** Questions, options and the right answers; the API checks the whole quiz when it is saved. */
export function QuizBuilder({
  quiz,
  onChange,
  fields,
}: {
  quiz: QuizDraft;
  onChange: (quiz: QuizDraft) => void;
  fields: Record<string, string>;
}) {
  const { t } = useTranslation('courses');
  const setQuestion = (index: number, question: Question) =>
    onChange({ ...quiz, questions: quiz.questions.map((q, i) => (i === index ? question : q)) });
  const removeQuestion = (index: number) => onChange({ ...quiz, questions: quiz.questions.filter((_, i) => i !== index) });

  return (
    <div className="quiz-builder">
      <div className="filters">
        <Field label={t('quizBuilder.passMark')} error={fields['quiz.passMark']}>
          <input
            type="number"
            min={0}
            max={100}
            value={quiz.passMark}
            onChange={(event) => onChange({ ...quiz, passMark: Number(event.target.value) })}
          />
        </Field>
        <Field label={t('quizBuilder.maxAttempts')} hint={t('quizBuilder.maxAttemptsHint')} error={fields['quiz.maxAttempts']}>
          <input
            type="number"
            min={1}
            max={100}
            value={quiz.maxAttempts ?? ''}
            onChange={(event) => onChange({ ...quiz, maxAttempts: event.target.value === '' ? null : Number(event.target.value) })}
          />
        </Field>
      </div>
      {fields['quiz.questions'] && <p className="field-error">{fields['quiz.questions']}</p>}
      {quiz.questions.map((question, index) => {
        const prefix = `quiz.questions.${index}`;
        const single = question.type !== 'multiple';
        const setOption = (o: number, option: Partial<Question['options'][number]>) =>
          setQuestion(index, {
            ...question,
            options: question.options.map((x, i) =>
              i === o ? { ...x, ...option } : single && option.correct ? { ...x, correct: false } : x,
            ),
          });
        return (
          <fieldset key={question.id ?? `new-${index}`} className="question">
            <legend>{t('quizBuilder.question', { number: index + 1 })}</legend>
            <Field label={t('quizBuilder.type')} error={fields[`${prefix}.type`]}>
              <select
                value={question.type}
                onChange={(event) => {
                  const type = event.target.value as QuestionType;
                  setQuestion(
                    index,
                    type === 'true_false' ? { ...newQuestion(type, t), prompt: question.prompt, id: question.id } : { ...question, type },
                  );
                }}
              >
                {QUESTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`questionTypes.${type}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('quizBuilder.prompt')} error={fields[`${prefix}.prompt`]}>
              <textarea
                rows={2}
                value={question.prompt}
                onChange={(event) => setQuestion(index, { ...question, prompt: event.target.value })}
              />
            </Field>
            {fields[`${prefix}.options`] && <p className="field-error">{fields[`${prefix}.options`]}</p>}
            <ol className="options">
              {question.options.map((option, o) => (
                <li key={option.id ?? `new-${o}`}>
                  <Field label={t('quizBuilder.option', { number: o + 1 })} error={fields[`${prefix}.options.${o}.text`]}>
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
                      onClick={() => setQuestion(index, { ...question, options: question.options.filter((_, i) => i !== o) })}
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
                onClick={() => setQuestion(index, { ...question, options: [...question.options, { text: '', correct: false }] })}
              >
                {t('quizBuilder.addOption')}
              </button>
            )}{' '}
            <button type="button" className="danger" onClick={() => removeQuestion(index)}>
              {t('quizBuilder.removeQuestion', { number: index + 1 })}
            </button>
          </fieldset>
        );
      })}
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
