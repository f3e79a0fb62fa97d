import type { EntityManager } from 'typeorm';
import type { Quiz } from '../courses/lesson.entity.js';
import { purposeOf } from '../courses/quiz-purpose.js';
import type { LearningRepository } from './learning.repository.js';

/**
 * Whether a learner may now see a quiz's right answers (and feedback), having `earned` it (passed,
 * or no attempt left): never for a pre-test, whose questions the post-test may ask again.
 */
export function mayReveal(quiz: Pick<Quiz, 'purpose'> | null, earned: boolean): boolean {
  return earned && purposeOf(quiz) !== 'pre_test';
}

/**
 * Keeps the score of an attempt at the course's pre-test or post-test on the enrolment, in the
 * attempt's transaction (the caller holds the enrolment's lock): the first attempt only, the
 * honest measure, so later tries to pass the post-test do not inflate the knowledge gain.
 */
export async function recordAssessmentScore(
  learning: LearningRepository,
  manager: EntityManager,
  attempt: { enrolmentId: string; quiz: Quiz; score: number },
): Promise<void> {
  const purpose = purposeOf(attempt.quiz);
  if (purpose !== 'graded') await learning.keepFirstTestScore(attempt.enrolmentId, purpose, attempt.score, manager);
}
