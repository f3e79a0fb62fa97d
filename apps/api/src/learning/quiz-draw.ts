import { randomInt } from 'node:crypto';
import type { QuizOptionDto, QuizQuestionDto } from '../courses/dto/course.dto.js';
import { quizSettings, type Quiz, type QuizQuestion } from '../courses/lesson.entity.js';

/** One question of an attempt's draw, as shown: its options (and matching's right-hand texts) in the order shown. */
export interface QuizDrawEntry {
  questionId: string;
  optionIds: string[];
  matchIds?: string[];
}

/** Fisher–Yates with a cryptographic generator: a learner cannot predict the next draw from the last. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The questions of one attempt: drawCount or drawByTopic of the pool (all by default), in a fresh random order when `shuffle`. */
export function drawQuiz(quiz: Quiz): QuizDrawEntry[] {
  const { drawCount, drawByTopic, shuffle } = quizSettings(quiz);
  let picked: Set<string>;
  if (drawByTopic) {
    picked = new Set(
      drawByTopic.flatMap(({ topic, count }) =>
        shuffled(quiz.questions.filter((q) => q.topic === topic))
          .slice(0, count)
          .map((q) => q.id),
      ),
    );
  } else if (drawCount !== null) {
    picked = new Set(
      shuffled(quiz.questions)
        .slice(0, drawCount)
        .map((q) => q.id),
    );
  } else picked = new Set(quiz.questions.map((q) => q.id));
  const drawn = quiz.questions.filter((q) => picked.has(q.id));
  return (shuffle ? shuffled(drawn) : drawn).map((question) => {
    const ids = question.options.map((o) => o.id);
    // An ordering question shown in its right order, or matches beside their items, would give the answer away.
    const optionIds = shuffle || question.type === 'ordering' ? shuffled(ids) : ids;
    return {
      questionId: question.id,
      optionIds,
      ...(question.type === 'matching' ? { matchIds: shuffled(question.options.map((o) => o.matchId!)) } : {}),
    };
  });
}

/**
 * The pool's questions an attempt drew, in the order drawn. A question since removed from the pool
 * is left out (it can no longer be graded); its options are the question's as they are now.
 */
export function drawnQuestions(quiz: Quiz, draw: QuizDrawEntry[]): QuizQuestion[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return draw.map((entry) => byId.get(entry.questionId)).filter((q): q is QuizQuestion => !!q);
}

/** Ids in the order shown, then any added since the draw (in authored order). */
function inShownOrder(shown: string[] | undefined, current: string[]): string[] {
  const present = new Set(current);
  const kept = (shown ?? []).filter((id) => present.has(id));
  const keptSet = new Set(kept);
  return [...kept, ...current.filter((id) => !keptSet.has(id))];
}

const isChoice = (question: QuizQuestion) => question.type === 'single' || question.type === 'multiple' || question.type === 'true_false';

/**
 * A drawn question as a learner sees it: options in the order drawn, matching's right-hand texts
 * apart under their own ids. Nothing that tells the answer (correct, feedback, explanation, the
 * numeric answer, an ordering's right order, the pairs) unless `reveal`.
 */
export function learnerQuestion(question: QuizQuestion, entry: QuizDrawEntry | undefined, reveal: boolean): QuizQuestionDto {
  const byId = new Map(question.options.map((o) => [o.id, o]));
  // Revealed, an ordering question shows its right order.
  const order = reveal && question.type === 'ordering' ? [...byId.keys()] : inShownOrder(entry?.optionIds, [...byId.keys()]);
  const options: QuizOptionDto[] = order.map((id) => {
    const o = byId.get(id)!;
    if (!reveal) return { id: o.id, text: o.text };
    return {
      id: o.id,
      text: o.text,
      ...(isChoice(question) ? { correct: o.correct } : {}),
      ...(o.feedback ? { feedback: o.feedback } : {}),
      ...(question.type === 'matching' ? { match: o.match, matchId: o.matchId } : {}),
    };
  });
  const byMatch = new Map(question.options.map((o) => [o.matchId, o.match]));
  return {
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    topic: question.topic ?? null,
    options,
    ...(question.type === 'matching'
      ? {
          matchChoices: inShownOrder(
            entry?.matchIds ?? shuffled(question.options.map((o) => o.matchId!)),
            question.options.map((o) => o.matchId!),
          ).map((id) => ({ id, text: byMatch.get(id)! })),
        }
      : {}),
    ...(reveal && question.explanation ? { explanation: question.explanation } : {}),
    ...(reveal && question.numeric ? { numeric: { ...question.numeric } } : {}),
  };
}
