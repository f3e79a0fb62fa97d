import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { numberFormat } from '../../../intl';
import { decimalSeparator, moveItem, parseDecimal, type AnswerDraft } from './quiz-answers';

export type QuizQuestion = Schemas['QuizQuestionDto'];

export interface InputProps {
  question: QuizQuestion;
  draft: AnswerDraft;
  onChange: (draft: AnswerDraft) => void;
  disabled: boolean;
  /** Right answers to mark beside the options (choice types), when the quiz shows them. */
  rightOptionIds: ReadonlySet<string>;
}

function ChoiceInputs({ question, draft, onChange, disabled, rightOptionIds }: InputProps) {
  const { t } = useTranslation('courses');
  const multiple = question.type === 'multiple';
  const chosen = draft.optionIds ?? [];
  const choose = (optionId: string, checked: boolean) =>
    onChange({
      ...draft,
      optionIds: multiple ? (checked ? [...chosen, optionId] : chosen.filter((id) => id !== optionId)) : [optionId],
    });
  return (
    <>
      {question.options.map((option) => (
        <label key={option.id} className="checkbox">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={question.id}
            value={option.id}
            disabled={disabled}
            checked={chosen.includes(option.id)}
            onChange={(event) => choose(option.id, event.target.checked)}
          />{' '}
          {option.text}
          {rightOptionIds.has(option.id) && <strong className="correct-answer"> — {t('quiz.correctAnswer')}</strong>}
        </label>
      ))}
    </>
  );
}

/** The right-hand texts to pair with: the learner's shuffled list, or (a trainer's preview) the authored matches. */
export function matchChoicesOf(question: QuizQuestion): { id: string; text: string }[] {
  if (question.matchChoices?.length) return question.matchChoices;
  return question.options
    .filter((option) => option.matchId && option.match !== undefined)
    .map((option) => ({ id: option.matchId!, text: option.match! }))
    .sort((a, b) => a.text.localeCompare(b.text));
}

/** One <select> per item: a labelled native control, the same with a keyboard, a pointer or a screen reader. */
function MatchingInputs({ question, draft, onChange, disabled }: InputProps) {
  const { t } = useTranslation('courses');
  const id = useId();
  const choices = matchChoicesOf(question);
  return (
    <ul className="matching">
      {question.options.map((option, index) => (
        <li key={option.id} className="field">
          <label htmlFor={`${id}-${index}`}>{option.text}</label>
          <select
            id={`${id}-${index}`}
            disabled={disabled}
            value={draft.pairs?.[option.id] ?? ''}
            onChange={(event) => onChange({ ...draft, pairs: { ...draft.pairs, [option.id]: event.target.value } })}
          >
            <option value="">{t('quiz.chooseMatch')}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.text}
              </option>
            ))}
          </select>
        </li>
      ))}
    </ul>
  );
}

/**
 * The items in the learner's order, each with Move up and Move down: buttons, so it works from the
 * keyboard and a screen reader, and on a phone, without dragging. The focus stays on the item moved.
 */
function OrderingInputs({ question, draft, onChange, disabled }: InputProps) {
  const { t, i18n } = useTranslation('courses');
  const list = useRef<HTMLOListElement>(null);
  const [said, setSaid] = useState('');
  const texts = new Map(question.options.map((option) => [option.id, option.text]));
  const order = draft.order ?? question.options.map((option) => option.id);
  const number = numberFormat(i18n.language);

  function move(from: number, to: number, direction: 'up' | 'down') {
    const next = moveItem(order, from, to);
    onChange({ ...draft, order: next, orderChosen: true });
    setSaid(t('quiz.moved', { item: texts.get(order[from]!), position: number.format(to + 1), total: number.format(order.length) }));
    // At either end the button pressed is disabled: the focus goes to the other one of that item.
    const edge = to === 0 || to === order.length - 1;
    const which = edge ? (direction === 'up' ? 'down' : 'up') : direction;
    requestAnimationFrame(() =>
      list.current?.querySelectorAll<HTMLElement>(`li`)[to]?.querySelector<HTMLElement>(`[data-move=${which}]`)?.focus(),
    );
  }

  return (
    <>
      <ol ref={list} className="ordering">
        {order.map((optionId, index) => (
          <li key={optionId}>
            <span>{texts.get(optionId)}</span>{' '}
            <span className="ordering-actions">
              <button
                type="button"
                className="secondary"
                data-move="up"
                disabled={disabled || index === 0}
                onClick={() => move(index, index - 1, 'up')}
              >
                {t('quiz.moveUp')}
                <span className="visually-hidden">: {texts.get(optionId)}</span>
              </button>{' '}
              <button
                type="button"
                className="secondary"
                data-move="down"
                disabled={disabled || index === order.length - 1}
                onClick={() => move(index, index + 1, 'down')}
              >
                {t('quiz.moveDown')}
                <span className="visually-hidden">: {texts.get(optionId)}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          disabled={disabled}
          checked={Boolean(draft.orderChosen)}
          onChange={(event) => onChange({ ...draft, order, orderChosen: event.target.checked })}
        />{' '}
        {t('quiz.orderIsMine')}
      </label>
    </>
  );
}

/** A text field, not type=number: that one refuses "3,5" in half the browsers and all their locales. */
function NumericInput({ question, draft, onChange, disabled }: InputProps) {
  const { t, i18n } = useTranslation('courses');
  const id = useId();
  const value = draft.value ?? '';
  const unreadable = value.trim() !== '' && parseDecimal(value, i18n.language) === null;
  const example = `3${decimalSeparator(i18n.language)}5`;
  return (
    <div className={unreadable ? 'field field-invalid' : 'field'}>
      <label htmlFor={`${id}-value`}>{t('quiz.yourNumber')}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t('quiz.numberHint', { example })}
      </p>
      <input
        id={`${id}-value`}
        name={question.id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        dir="ltr"
        disabled={disabled}
        value={value}
        aria-invalid={unreadable || undefined}
        aria-describedby={unreadable ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(event) => onChange({ ...draft, value: event.target.value })}
      />
      {unreadable && (
        <p id={`${id}-error`} className="field-error">
          {t('quiz.notANumber', { example })}
        </p>
      )}
    </div>
  );
}

/** The controls of one question, by its type. */
export function QuestionInputs(props: InputProps) {
  switch (props.question.type) {
    case 'matching':
      return <MatchingInputs {...props} />;
    case 'ordering':
      return <OrderingInputs {...props} />;
    case 'numeric':
      return <NumericInput {...props} />;
    default:
      return <ChoiceInputs {...props} />;
  }
}
