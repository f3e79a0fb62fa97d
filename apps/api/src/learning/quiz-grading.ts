import type { FieldError } from '@ctlp/contracts';
import { fieldError, ValidationError } from '../common/app-error.js';
import type { QuizQuestion } from '../courses/lesson.entity.js';
import type { AnswerDto } from './dto/attempt.dto.js';

/** What a learner gave to one question, normalised: option ids chosen, in order given, or paired rightly. */
export interface QuestionVerdict {
  questionId: string;
  correct: boolean;
  /** Choice: the options picked; ordering: the order given; matching: the options paired with their own match; numeric: []. */
  chosen: string[];
  /** Feedback of the options the learner picked (choice types) or placed (ordering, matching). */
  chosenFeedback: string[];
  answered: boolean;
}

export interface GradedQuiz {
  /** 0–100, two decimals. */
  score: number;
  passed: boolean;
  results: QuestionVerdict[];
}

/** Floating-point slack on a numeric answer's tolerance, so 0.1 + 0.2 counts as 0.3. */
const NUMERIC_EPSILON = 1e-9;

const CHOICE_TYPES = new Set(['single', 'multiple', 'true_false']);

/** The right answer of a question, as a revealed result gives it. */
export function rightAnswer(question: QuizQuestion): {
  correctOptionIds?: string[];
  correctOrder?: string[];
  correctPairs?: { optionId: string; matchId: string }[];
  correctValue?: number;
} {
  if (question.type === 'ordering') return { correctOrder: question.options.map((o) => o.id) };
  if (question.type === 'matching') return { correctPairs: question.options.map((o) => ({ optionId: o.id, matchId: o.matchId! })) };
  if (question.type === 'numeric') return { correctValue: question.numeric!.answer };
  return { correctOptionIds: question.options.filter((o) => o.correct).map((o) => o.id) };
}

type Checked = { verdict: QuestionVerdict } | { field: string; error: FieldError };

/** Checks one answer against its question and grades it (all or nothing). */
function gradeAnswer(question: QuizQuestion, answer: AnswerDto | undefined, at: string): Checked {
  const options = new Map(question.options.map((o) => [o.id, o]));
  const verdict = (correct: boolean, chosen: string[], answered: boolean): Checked => ({
    verdict: {
      questionId: question.id,
      correct,
      chosen,
      answered,
      chosenFeedback: chosen.map((id) => options.get(id)?.feedback).filter((f): f is string => !!f),
    },
  });
  const bad = (field: string, code: FieldError['code']): Checked => ({
    field: `${at}.${field}`,
    error: fieldError(`${at}.${field}`, code),
  });

  if (CHOICE_TYPES.has(question.type)) {
    const chosen = answer?.optionIds ?? [];
    if (chosen.some((id) => !options.has(id))) return bad('optionIds', 'not_an_option_of_question');
    if (question.type !== 'multiple' && chosen.length > 1) return bad('optionIds', 'choose_one_option');
    const right = question.options.filter((o) => o.correct).map((o) => o.id);
    return verdict(right.length === chosen.length && right.every((id) => chosen.includes(id)), chosen, chosen.length > 0);
  }
  if (question.type === 'ordering') {
    const order = answer?.order ?? [];
    if (!order.length) return verdict(false, [], false);
    if (order.length !== question.options.length || new Set(order).size !== order.length || order.some((id) => !options.has(id))) {
      return bad('order', 'not_an_order_of_options');
    }
    return verdict(
      order.every((id, index) => question.options[index]!.id === id),
      order,
      true,
    );
  }
  if (question.type === 'matching') {
    const pairs = answer?.pairs ?? [];
    if (!pairs.length) return verdict(false, [], false);
    const matchIds = new Set(question.options.map((o) => o.matchId));
    const optionIds = pairs.map((p) => p.optionId);
    const pairedMatches = pairs.map((p) => p.matchId);
    if (
      optionIds.some((id) => !options.has(id)) ||
      pairedMatches.some((id) => !matchIds.has(id)) ||
      new Set(optionIds).size !== pairs.length ||
      new Set(pairedMatches).size !== pairs.length
    ) {
      return bad('pairs', 'not_a_match_of_question');
    }
    const rightly = pairs.filter((p) => options.get(p.optionId)!.matchId === p.matchId).map((p) => p.optionId);
    return verdict(rightly.length === question.options.length, rightly, true);
  }
  // numeric
  const value = answer?.value;
  if (value === undefined) return verdict(false, [], false);
  const { answer: right, tolerance } = question.numeric!;
  return verdict(Math.abs(value - right) <= tolerance + NUMERIC_EPSILON, [], true);
}

/**
 * Grades answers against the questions drawn for an attempt (a trainer's preview: the whole pool):
 * the one place that decides a score, for a learner's attempt and for a trainer's preview alike,
 * so a preview can never disagree with what a learner would get. All or nothing per question;
 * the score is right / drawn. Throws a ValidationError naming the answer at fault, or `answers`
 * when nothing was answered.
 */
export function gradeQuiz(questions: QuizQuestion[], passMark: number, submitted: AnswerDto[]): GradedQuiz {
  const byQuestion = new Map<string, { answer: AnswerDto; index: number }>();
  const fields: Record<string, FieldError> = {};
  submitted.forEach((answer, index) => {
    if (!questions.some((q) => q.id === answer.questionId)) {
      fields[`answers.${index}.questionId`] = fieldError(`answers.${index}.questionId`, 'not_a_question_of_quiz');
    } else byQuestion.set(answer.questionId, { answer, index });
  });
  const results: QuestionVerdict[] = [];
  for (const question of questions) {
    const given = byQuestion.get(question.id);
    const checked = gradeAnswer(question, given?.answer, `answers.${given?.index ?? 0}`);
    if ('verdict' in checked) results.push(checked.verdict);
    else fields[checked.field] = checked.error;
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
  // A submission with nothing answered is a slip (a button pressed too soon), not an answer: it
  // would cost an attempt for a score of 0. A partly answered one counts: the learner chose it.
  if (!results.some((r) => r.answered)) throw ValidationError.field('answers', 'no_question_answered');

  const score = Math.round((results.filter((r) => r.correct).length / questions.length) * 10000) / 100;
  return { score, passed: score >= passMark, results };
}

/** The distinct topics of the questions got wrong, in the order drawn. */
export function topicsToRevisit(questions: QuizQuestion[], results: Pick<QuestionVerdict, 'questionId' | 'correct'>[]): string[] {
  const wrong = new Set(results.filter((r) => !r.correct).map((r) => r.questionId));
  const topics = questions.filter((q) => wrong.has(q.id) && q.topic).map((q) => q.topic!);
  return [...new Set(topics)];
}
