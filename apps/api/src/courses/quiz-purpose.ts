import type { EntityManager } from 'typeorm';
import type { QuizPurpose } from '@ctlp/contracts';
import { AppError, ValidationError } from '../common/app-error.js';
import type { CoursesRepository } from './courses.repository.js';
import type { Quiz } from './lesson.entity.js';

export const purposeOf = (quiz: Pick<Quiz, 'purpose'> | null | undefined): QuizPurpose => quiz?.purpose ?? 'graded';

/**
 * A quiz as its purpose shapes it: a pre-test has one attempt and needs no passing (pass mark 0),
 * so it completes its lesson whatever the score; and no time limit, as a timed-out attempt would
 * leave the lesson undone with no attempt left.
 */
export function shapeForPurpose(quiz: Quiz): Quiz {
  return quiz.purpose === 'pre_test' ? { ...quiz, maxAttempts: 1, passMark: 0, timeLimitMinutes: null } : quiz;
}

/**
 * Checks a quiz's new purpose against the rest of its course: at most one pre-test and one
 * post-test (400 on `quiz.purpose`), and no change of purpose once learners have attempted it
 * (their scores were taken for another use: a graded attempt is no pre-test). The course row is
 * locked first, so two lessons saved at once cannot both take the pre-test; the unique index
 * lessons_course_purpose_key stands behind it.
 */
export async function checkQuizPurpose(
  courses: CoursesRepository,
  manager: EntityManager,
  change: { courseId: string; lessonId: string | null; before: Quiz | null; after: Quiz | null | undefined },
  hasAttempts: () => Promise<boolean>,
): Promise<void> {
  if (!change.after) return;
  const purpose = purposeOf(change.after);
  if (change.before && purposeOf(change.before) !== purpose && (await hasAttempts())) throw new AppError('quiz_has_attempts');
  if (purpose === 'graded') return;
  if (await courses.lockPurposeHolder(change.courseId, purpose, change.lessonId, manager))
    throw ValidationError.field('quiz.purpose', 'purpose_taken', { purpose });
}
