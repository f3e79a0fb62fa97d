import type { Quiz } from '../courses/lesson.entity.js';
import type { ItemAnalysisDto, ItemFlag } from './dto/item-analysis.dto.js';
import type { QuizAttemptResult } from './quiz-attempt.entity.js';

/** Under this many draws a question's figures are noise: no discrimination and no flag. */
const MIN_DRAWS = 5;
/** A question that separates stronger from weaker learners less than this is worth a look. */
const LOW_DISCRIMINATION = 0.2;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Pearson's correlation; null when either side does not vary. With a 0/1 side it is the point-biserial. */
export function correlation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Per question of the pool, over first attempts: how often drawn and got right, the point-biserial
 * of the item against the rest of the attempt (the share right of the attempt's other questions,
 * so the item does not correlate with itself), and how often each option was chosen.
 */
export function analyseItems(quiz: Quiz, attempts: QuizAttemptResult[][]): ItemAnalysisDto {
  return {
    attempts: attempts.length,
    questions: quiz.questions.map((question) => {
      const draws = attempts.flatMap((results) => {
        const own = results.find((r) => r.questionId === question.id);
        if (!own) return [];
        const others = results.filter((r) => r !== own);
        const rest = others.length ? others.filter((r) => r.correct).length / others.length : null;
        return [{ own, rest }];
      });
      const right = draws.filter((d) => d.own.correct).length;
      const withRest = draws.filter((d) => d.rest !== null);
      const r =
        draws.length < MIN_DRAWS
          ? null
          : correlation(
              withRest.map((d) => (d.own.correct ? 1 : 0)),
              withRest.map((d) => d.rest!),
            );
      const discrimination = r === null ? null : round(r, 4);
      const correctShare = draws.length ? round(right / draws.length, 4) : null;
      let flag: ItemFlag | null = null;
      if (draws.length >= MIN_DRAWS) {
        if (right === draws.length) flag = 'all_correct';
        else if (right === 0) flag = 'all_wrong';
        else if (discrimination !== null && discrimination < LOW_DISCRIMINATION) flag = 'low_discrimination';
      }
      const chosen = (optionId: string, index: number) =>
        draws.filter(({ own }) => (question.type === 'ordering' ? own.chosen[index] === optionId : own.chosen.includes(optionId))).length;
      const choice = question.type === 'single' || question.type === 'multiple' || question.type === 'true_false';
      return {
        questionId: question.id,
        prompt: question.prompt,
        topic: question.topic ?? null,
        type: question.type,
        drawn: draws.length,
        correctShare,
        discrimination,
        options: question.options.map((option, index) => ({
          id: option.id,
          text: option.text,
          correct: choice ? option.correct : true,
          chosen: chosen(option.id, index),
        })),
        flag,
      };
    }),
  };
}
