import { describe, expect, it } from '@jest/globals';
import {
  buildAnswers,
  formatCountdown,
  isAnswered,
  moveItem,
  parseDecimal,
  passedMilestone,
  type AnswerableQuestion,
} from '../src/features/courses/quiz/quiz-answers';

const choice: AnswerableQuestion = { id: 'q1', type: 'single', options: [{ id: 'a' }, { id: 'b' }] };
const many: AnswerableQuestion = { id: 'q2', type: 'multiple', options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
const order: AnswerableQuestion = { id: 'q3', type: 'ordering', options: [{ id: 'x' }, { id: 'y' }, { id: 'z' }] };
const match: AnswerableQuestion = { id: 'q4', type: 'matching', options: [{ id: 'l1' }, { id: 'l2' }] };
const numeric: AnswerableQuestion = { id: 'q5', type: 'numeric', options: [] };

describe('parseDecimal', () => {
  it("reads the language's decimal comma and the ASCII point alike", () => {
    expect(parseDecimal('3,5', 'fr')).toBe(3.5);
    expect(parseDecimal('3.5', 'fr')).toBe(3.5);
    expect(parseDecimal('3,5', 'es')).toBe(3.5);
    expect(parseDecimal('3,5', 'ru')).toBe(3.5);
    expect(parseDecimal('3.5', 'en')).toBe(3.5);
    expect(parseDecimal('0.25', 'zh')).toBe(0.25);
  });

  it('takes spaces between thousands, a real minus sign, a leading plus and other scripts’ digits', () => {
    expect(parseDecimal('1 234,5', 'fr')).toBe(1234.5);
    expect(parseDecimal('1\u202f234', 'fr')).toBe(1234);
    expect(parseDecimal('\u22122,5', 'fr')).toBe(-2.5);
    expect(parseDecimal('+7', 'en')).toBe(7);
    expect(parseDecimal('٣٫٥', 'ar')).toBe(3.5);
    expect(parseDecimal('１２', 'zh')).toBe(12);
  });

  it('reads a comma as thousands where the point is the decimal mark, only in groups of three', () => {
    expect(parseDecimal('1,000.5', 'en')).toBe(1000.5);
    expect(parseDecimal('3,5', 'en')).toBeNull();
  });

  it('refuses what is not one number', () => {
    for (const text of ['', '  ', 'abc', '3,5,1', '1.2.3', '3,5.1', '--2', '2-', '1e5', 'Infinity']) {
      expect({ text, value: parseDecimal(text, 'fr') }).toEqual({ text, value: null });
    }
  });
});

describe('isAnswered', () => {
  it('needs a choice, a settled order, every item paired, or a readable number', () => {
    expect(isAnswered(choice, undefined, 'en')).toBe(false);
    expect(isAnswered(choice, { optionIds: [] }, 'en')).toBe(false);
    expect(isAnswered(choice, { optionIds: ['a'] }, 'en')).toBe(true);
    // The order as shown is not an answer until the learner moves an item or says it is theirs.
    expect(isAnswered(order, { order: ['x', 'y', 'z'] }, 'en')).toBe(false);
    expect(isAnswered(order, { order: ['y', 'x', 'z'], orderChosen: true }, 'en')).toBe(true);
    expect(isAnswered(match, { pairs: { l1: 'm1' } }, 'en')).toBe(false);
    expect(isAnswered(match, { pairs: { l1: 'm1', l2: '' } }, 'en')).toBe(false);
    expect(isAnswered(match, { pairs: { l1: 'm1', l2: 'm2' } }, 'en')).toBe(true);
    expect(isAnswered(numeric, { value: '2,5' }, 'en')).toBe(false);
    expect(isAnswered(numeric, { value: '2,5' }, 'fr')).toBe(true);
  });
});

describe('buildAnswers', () => {
  it('sends one answer per question in the order shown, each in the field of its type', () => {
    const answers = buildAnswers(
      [choice, many, order, match, numeric],
      {
        q1: { optionIds: ['b'] },
        q2: { optionIds: ['c', 'a'] },
        q3: { order: ['z', 'x', 'y'], orderChosen: true },
        q4: { pairs: { l2: 'm1', l1: 'm2' } },
        q5: { value: '−12,75' },
      },
      'fr',
    );
    expect(answers).toEqual([
      { questionId: 'q1', optionIds: ['b'] },
      { questionId: 'q2', optionIds: ['c', 'a'] },
      { questionId: 'q3', order: ['z', 'x', 'y'] },
      {
        questionId: 'q4',
        pairs: [
          { optionId: 'l1', matchId: 'm2' },
          { optionId: 'l2', matchId: 'm1' },
        ],
      },
      { questionId: 'q5', value: -12.75 },
    ]);
  });

  it('keeps a place for every unanswered question, with nothing in it, so answers.<n> stays the n-th question', () => {
    const answers = buildAnswers([choice, order, match, numeric], { q3: { order: ['x', 'y', 'z'] }, q5: { value: 'twelve' } }, 'en');
    expect(answers).toEqual([{ questionId: 'q1', optionIds: [] }, { questionId: 'q3' }, { questionId: 'q4' }, { questionId: 'q5' }]);
  });

  it('sends the pairs made of a half-paired matching question', () => {
    expect(buildAnswers([match], { q4: { pairs: { l1: 'm2', l2: '' } } }, 'en')).toEqual([
      { questionId: 'q4', pairs: [{ optionId: 'l1', matchId: 'm2' }] },
    ]);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, hours past an hour, never below zero', () => {
    expect(formatCountdown(5 * 60_000, 'en')).toBe('5:00');
    expect(formatCountdown(65_000, 'en')).toBe('1:05');
    expect(formatCountdown(9_000, 'en')).toBe('0:09');
    expect(formatCountdown(3_723_000, 'en')).toBe('1:02:03');
    expect(formatCountdown(-4_000, 'en')).toBe('0:00');
  });

  it('rounds a part second up, so 0:00 means the time is up', () => {
    expect(formatCountdown(500, 'en')).toBe('0:01');
    expect(formatCountdown(59_001, 'fr')).toBe('1:00');
  });

  it('uses the platform’s digits in every language', () => {
    expect(formatCountdown(125_000, 'ar')).toBe('2:05');
    expect(formatCountdown(125_000, 'zh')).toBe('2:05');
  });
});

describe('passedMilestone', () => {
  it('announces five minutes and one minute once each, when the clock goes past them', () => {
    expect(passedMilestone(300_500, 299_500)).toBe(5);
    expect(passedMilestone(299_500, 298_500)).toBeNull();
    expect(passedMilestone(60_400, 59_400)).toBe(1);
    expect(passedMilestone(600_000, 599_000)).toBeNull();
  });

  it('says the nearer one when both went by unseen', () => {
    expect(passedMilestone(400_000, 30_000)).toBe(1);
  });
});

describe('moveItem', () => {
  it('moves one item and keeps the others in order', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
  });
});
