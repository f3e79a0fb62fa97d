import { numberFormat } from '../../../intl';

/** The question fields the answer logic needs (a learner's drawn question, or a trainer's). */
export interface AnswerableQuestion {
  id: string;
  type: 'single' | 'multiple' | 'true_false' | 'matching' | 'ordering' | 'numeric';
  options: { id: string }[];
}

/**
 * What the learner has given to one question so far, as the page holds it: the options ticked,
 * the order shown (and whether they settled on it), each item's match, the number as typed.
 */
export interface AnswerDraft {
  optionIds?: string[];
  order?: string[];
  /** An order counts as an answer once the learner moved an item or said the shown order is theirs. */
  orderChosen?: boolean;
  pairs?: Record<string, string>;
  value?: string;
}

/** One answer as the API takes it (AttemptDto's `answers` items). */
export interface AnswerBody {
  questionId: string;
  optionIds?: string[];
  order?: string[];
  pairs?: { optionId: string; matchId: string }[];
  value?: number;
}

/** Whether the learner has answered the question: for matching every item paired, for numeric a number read. */
export function isAnswered(question: AnswerableQuestion, draft: AnswerDraft | undefined, language: string): boolean {
  if (!draft) return false;
  switch (question.type) {
    case 'ordering':
      return Boolean(draft.orderChosen && draft.order?.length);
    case 'matching':
      return question.options.every((option) => Boolean(draft.pairs?.[option.id]));
    case 'numeric':
      return parseDecimal(draft.value ?? '', language) !== null;
    default:
      return Boolean(draft.optionIds?.length);
  }
}

/**
 * The attempt's answers, one per question in the order shown, so that the API's `answers.<n>`
 * errors land on the n-th question. An unanswered question goes with no answer in it (the API
 * counts it wrong); a half-paired matching question sends the pairs it has.
 */
export function buildAnswers(questions: AnswerableQuestion[], drafts: Record<string, AnswerDraft>, language: string): AnswerBody[] {
  return questions.map((question) => {
    const draft = drafts[question.id] ?? {};
    switch (question.type) {
      case 'ordering':
        return isAnswered(question, draft, language) ? { questionId: question.id, order: draft.order } : { questionId: question.id };
      case 'matching': {
        const pairs = question.options
          .filter((option) => draft.pairs?.[option.id])
          .map((option) => ({ optionId: option.id, matchId: draft.pairs![option.id]! }));
        return pairs.length ? { questionId: question.id, pairs } : { questionId: question.id };
      }
      case 'numeric': {
        const value = parseDecimal(draft.value ?? '', language);
        return value === null ? { questionId: question.id } : { questionId: question.id, value };
      }
      default:
        return { questionId: question.id, optionIds: draft.optionIds ?? [] };
    }
  });
}

/** Digits of other scripts a keyboard may type (Arabic-Indic, Persian, full-width), as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

/** The decimal separator of the language's number format ("," in French, "." in English). */
export function decimalSeparator(language: string): string {
  return (
    numberFormat(language)
      .formatToParts(1.5)
      .find((part) => part.type === 'decimal')?.value ?? '.'
  );
}

/**
 * A number as a learner types it, in their language's way or the ASCII one: "3,5" in French or
 * Spanish, "3.5" anywhere, "٣٫٥" with Arabic digits, "−2" with a real minus, spaces between
 * thousands, and "1,000.5" where the comma groups thousands. Null when it is not one number.
 */
export function parseDecimal(input: string, language: string): number | null {
  let text = asciiDigits(input.trim())
    .replace(/[\s\u00a0\u202f\u2009]/g, '')
    .replace(/^[\u2212\u2013\u2012-]/, '-')
    .replace(/^\+/, '')
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, '');
  if (!text) return null;
  const decimal = decimalSeparator(language);
  if (decimal === ',') {
    // "3,5" and "3.5" both read as three and a half: one mark only.
    if ((text.match(/[.,]/g) ?? []).length > 1) return null;
    text = text.replace(',', '.');
  } else if (/,/.test(text)) {
    // Where "." is the decimal mark a comma only groups thousands, and only in threes.
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return null;
    text = text.replace(/,/g, '');
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Time left as a clock, "4:05" or "1:02:09", never below zero, in the language's digits. */
export function formatCountdown(milliseconds: number, language: string): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const one = numberFormat(language, { useGrouping: false });
  const two = numberFormat(language, { minimumIntegerDigits: 2, useGrouping: false });
  return hours > 0 ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}` : `${one.format(minutes)}:${two.format(seconds)}`;
}

/** The moments a screen reader is told the time left: five minutes, then one. */
export const COUNTDOWN_MILESTONES = [5, 1] as const;

/**
 * The milestone (in minutes) the clock passed between two readings of the time left, or null:
 * a countdown announced every second would drown everything else the reader says.
 */
export function passedMilestone(before: number, now: number): (typeof COUNTDOWN_MILESTONES)[number] | null {
  // The nearer one wins when both went by unseen (a tab asleep in the background).
  for (const minutes of [...COUNTDOWN_MILESTONES].reverse()) {
    const at = minutes * 60_000;
    if (before > at && now <= at) return minutes;
  }
  return null;
}

/** `items` with the one at `from` moved to `to` (both in range). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
