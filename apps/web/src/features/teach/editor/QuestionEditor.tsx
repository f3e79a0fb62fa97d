import { useTranslation } from 'react-i18next';
import { QUESTION_TYPES, type QuestionType } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import { Field, FieldErrorMessage } from '../../../components/Field';
import { moveItem } from '../../courses/quiz/quiz-answers';
import { DecimalInput } from './DecimalInput';

export type QuizDraft = Schemas['QuizInputDto'];
export type QuestionDraft = QuizDraft['questions'][number];
type Option = QuestionDraft['options'][number];

const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false'];
const MAX_OPTIONS = 10;

/** A new question of `type`, in the shape its type asks for (true/false: the two; numeric: no options). */
export function newQuestion(type: QuestionType, t: (key: string) => string): QuestionDraft {
  const base = { type, prompt: '', topic: null };
  switch (type) {
    case 'true_false':
      return {
        ...base,
        options: [
          { text: t('quizBuilder.true'), correct: true },
          { text: t('quizBuilder.false'), correct: false },
        ],
      };
    case 'matching':
      return {
        ...base,
        options: [
          { text: '', match: '' },
          { text: '', match: '' },
        ],
      };
    case 'ordering':
      return { ...base, options: [{ text: '' }, { text: '' }, { text: '' }] };
    case 'numeric':
      return { ...base, options: [], numeric: { answer: 0, tolerance: 0 } };
    default:
      return {
        ...base,
        options: [
          { text: '', correct: true },
          { text: '', correct: false },
        ],
      };
  }
}

/** The question turned into another type, keeping what still fits (the prompt, topic, explanation, options of choice types). */
function retype(question: QuestionDraft, type: QuestionType, t: (key: string) => string): QuestionDraft {
  const kept = { id: question.id, prompt: question.prompt, topic: question.topic, explanation: question.explanation };
  const fresh = newQuestion(type, t);
  if (CHOICE_TYPES.includes(type) && type !== 'true_false' && CHOICE_TYPES.includes(question.type)) {
    const options = question.options.map((o, i) => ({
      ...o,
      correct: type === 'single' ? i === question.options.findIndex((x) => x.correct) : o.correct,
    }));
    return { ...fresh, ...kept, options };
  }
  return { ...fresh, ...kept };
}

interface PartProps {
  question: QuestionDraft;
  prefix: string;
  index: number;
  onChange: (question: QuestionDraft) => void;
}

function OptionFeedback({
  option,
  prefix,
  o,
  onChange,
}: {
  option: Option;
  prefix: string;
  o: number;
  onChange: (o: Partial<Option>) => void;
}) {
  const { t } = useTranslation('courses');
  return (
    <Field
      label={t('quizBuilder.feedback', { number: o + 1 })}
      name={`${prefix}.options.${o}.feedback`}
      hint={t('quizBuilder.feedbackHint')}
    >
      <input value={option.feedback ?? ''} maxLength={1000} onChange={(event) => onChange({ feedback: event.target.value })} />
    </Field>
  );
}

/** Options of the choice types: text, right or not, and what a learner who picks it is told. */
function ChoiceOptions({ question, prefix, index, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  const single = question.type !== 'multiple';
  const setOption = (o: number, change: Partial<Option>) =>
    onChange({
      ...question,
      options: question.options.map((x, i) => (i === o ? { ...x, ...change } : single && change.correct ? { ...x, correct: false } : x)),
    });
  return (
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
              checked={Boolean(option.correct)}
              onChange={(event) => setOption(o, { correct: event.target.checked })}
            />{' '}
            {t('quizBuilder.correct')}
          </label>
          <OptionFeedback option={option} prefix={prefix} o={o} onChange={(change) => setOption(o, change)} />
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
  );
}

/** Matching: each item with the text it pairs with; learners get the texts shuffled. */
function MatchingItems({ question, prefix, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  const setOption = (o: number, change: Partial<Option>) =>
    onChange({ ...question, options: question.options.map((x, i) => (i === o ? { ...x, ...change } : x)) });
  return (
    <ol className="options">
      {question.options.map((option, o) => (
        <li key={option.id ?? `new-${o}`}>
          <Field label={t('quizBuilder.item', { number: o + 1 })} name={`${prefix}.options.${o}.text`}>
            <input value={option.text} onChange={(event) => setOption(o, { text: event.target.value })} />
          </Field>
          <Field label={t('quizBuilder.match', { number: o + 1 })} name={`${prefix}.options.${o}.match`}>
            <input value={option.match ?? ''} onChange={(event) => setOption(o, { match: event.target.value })} />
          </Field>
          {question.options.length > 2 && (
            <button
              type="button"
              className="button-link"
              onClick={() => onChange({ ...question, options: question.options.filter((_, i) => i !== o) })}
            >
              {t('quizBuilder.removeItem', { number: o + 1 })}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Ordering: the items in the right order, moved with buttons; learners get them shuffled. */
function OrderingItems({ question, prefix, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  const move = (from: number, to: number) => onChange({ ...question, options: moveItem(question.options, from, to) });
  return (
    <ol className="options">
      {question.options.map((option, o) => (
        <li key={option.id ?? `new-${o}`}>
          <Field label={t('quizBuilder.item', { number: o + 1 })} name={`${prefix}.options.${o}.text`}>
            <input
              value={option.text}
              onChange={(event) =>
                onChange({ ...question, options: question.options.map((x, i) => (i === o ? { ...x, text: event.target.value } : x)) })
              }
            />
          </Field>
          <button type="button" className="secondary" disabled={o === 0} onClick={() => move(o, o - 1)}>
            {t('quiz.moveUp')}
            <span className="visually-hidden"> {t('quizBuilder.item', { number: o + 1 })}</span>
          </button>{' '}
          <button type="button" className="secondary" disabled={o === question.options.length - 1} onClick={() => move(o, o + 1)}>
            {t('quiz.moveDown')}
            <span className="visually-hidden"> {t('quizBuilder.item', { number: o + 1 })}</span>
          </button>{' '}
          {question.options.length > 2 && (
            <button
              type="button"
              className="button-link"
              onClick={() => onChange({ ...question, options: question.options.filter((_, i) => i !== o) })}
            >
              {t('quizBuilder.removeItem', { number: o + 1 })}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

function NumericFields({ question, prefix, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  const numeric = question.numeric ?? { answer: 0, tolerance: 0 };
  return (
    <div className="filters">
      <DecimalInput
        label={t('quizBuilder.answer')}
        name={`${prefix}.numeric.answer`}
        value={numeric.answer}
        onChange={(answer) => onChange({ ...question, numeric: { ...numeric, answer } })}
      />
      <DecimalInput
        label={t('quizBuilder.tolerance')}
        name={`${prefix}.numeric.tolerance`}
        hint={t('quizBuilder.toleranceHint')}
        value={numeric.tolerance}
        onChange={(tolerance) => onChange({ ...question, numeric: { ...numeric, tolerance } })}
      />
    </div>
  );
}

interface QuestionEditorProps {
  question: QuestionDraft;
  index: number;
  topicsListId: string;
  onChange: (question: QuestionDraft) => void;
  onRemove: () => void;
}

/** One question: its topic, type, prompt, what its type needs, and the explanation. Errors come from `quiz.questions.<index>.…`. */
export function QuestionEditor({ question, index, topicsListId, onChange, onRemove }: QuestionEditorProps) {
  const { t } = useTranslation('courses');
  const prefix = `quiz.questions.${index}`;
  const parts = { question, prefix, index, onChange };
  const grows = question.type !== 'true_false' && question.type !== 'numeric' && question.options.length < MAX_OPTIONS;
  return (
    <fieldset className="question">
      <legend>{t('quizBuilder.question', { number: index + 1 })}</legend>
      <FieldErrorMessage name={prefix} />
      <div className="filters">
        <Field label={t('quizBuilder.type')} name={`${prefix}.type`}>
          <select value={question.type} onChange={(event) => onChange(retype(question, event.target.value as QuestionType, t))}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`questionTypes.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('quizBuilder.topic')} name={`${prefix}.topic`} hint={t('quizBuilder.topicHint')}>
          <input
            list={topicsListId}
            maxLength={80}
            value={question.topic ?? ''}
            onChange={(event) => onChange({ ...question, topic: event.target.value.trim() === '' ? null : event.target.value })}
          />
        </Field>
      </div>
      <Field label={t('quizBuilder.prompt')} name={`${prefix}.prompt`}>
        <textarea rows={2} value={question.prompt} onChange={(event) => onChange({ ...question, prompt: event.target.value })} />
      </Field>
      <FieldErrorMessage name={`${prefix}.options`} />
      {question.type === 'matching' ? (
        <MatchingItems {...parts} />
      ) : question.type === 'ordering' ? (
        <OrderingItems {...parts} />
      ) : question.type === 'numeric' ? (
        <NumericFields {...parts} />
      ) : (
        <ChoiceOptions {...parts} />
      )}
      {grows && (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            onChange({
              ...question,
              options: [
                ...question.options,
                question.type === 'matching'
                  ? { text: '', match: '' }
                  : question.type === 'ordering'
                    ? { text: '' }
                    : { text: '', correct: false },
              ],
            })
          }
        >
          {question.type === 'matching' || question.type === 'ordering' ? t('quizBuilder.addItem') : t('quizBuilder.addOption')}
        </button>
      )}
      <Field label={t('quizBuilder.explanation')} name={`${prefix}.explanation`} hint={t('quizBuilder.explanationHint')}>
        <textarea
          rows={2}
          maxLength={2000}
          value={question.explanation ?? ''}
          onChange={(event) => onChange({ ...question, explanation: event.target.value })}
        />
      </Field>{' '}
      <button type="button" className="danger" onClick={onRemove}>
        {t('quizBuilder.removeQuestion', { number: index + 1 })}
      </button>
    </fieldset>
  );
}
