import type { FieldError } from '@ctlp/contracts';
import { fieldError, ValidationError } from '../common/app-error.js';
import type { Quiz } from '../courses/lesson.entity.js';
import type { AnswerDto } from './dto/attempt.dto.js';

export interface GradedQuiz {
  /** 0–100, two decimals. */
  score: number;
  passed: boolean;
  results: { questionId: string; correct: boolean; rightOptionIds: string[] }[];
}

/**
 * Grades answers against a quiz: the one place that decides a score, for a learner's attempt and
 * for a trainer's preview alike, so a preview can never disagree with what a learner would get.
 * Throws a ValidationError naming the answer at fault, or `answers` when nothing was chosen.
 */
export function gradeQuiz(quiz: Quiz, submitted: AnswerDto[]): GradedQuiz {
  const answers = new Map<string, Set<string>>();
  const fields: Record<string, FieldError> = {};
  submitted.forEach((answer, index) => {
    const question = quiz.questions.find((q) => q.id === answer.questionId);
    if (!question) fields[`answers.${index}.questionId`] = fieldError(`answers.${index}.questionId`, 'not_a_question_of_quiz');
    else if (answer.optionIds.some((id) => !question.options.some((o) => o.id === id)))
      fields[`answers.${index}.optionIds`] = fieldError(`answers.${index}.optionIds`, 'not_an_option_of_question');
    else if (question.type !== 'multiple' && answer.optionIds.length > 1)
      fields[`answers.${index}.optionIds`] = fieldError(`answers.${index}.optionIds`, 'choose_one_option');
    else answers.set(answer.questionId, new Set(answer.optionIds));
  });
  if (Object.keys(fields).length) throw new ValidationError(fields);
  // A submission with nothing chosen is a slip (a button pressed too soon), not an answer: it
  // would cost an attempt for a score of 0. A partly answered one counts: the learner chose it.
  if (answers.size === 0 || [...answers.values()].every((chosen) => chosen.size === 0)) {
    throw ValidationError.field('answers', 'no_question_answered');
  }

  const results = quiz.questions.map((question) => {
    const chosen = answers.get(question.id) ?? new Set<string>();
    const right = question.options.filter((o) => o.correct).map((o) => o.id);
    return { questionId: question.id, rightOptionIds: right, correct: right.length === chosen.size && right.every((id) => chosen.has(id)) };
  });
  const score = Math.round((results.filter((r) => r.correct).length / quiz.questions.length) * 10000) / 100;
  return { score, passed: score >= quiz.passMark, results };
}
