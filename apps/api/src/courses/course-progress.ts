import type { EnrolmentStatus } from '@ctlp/contracts';

/**
 * How far an enrolment is through its course, 0–100: the share of the course's required lessons
 * done, rounded down (in floating point, as it always was); 100 once completed, whatever lessons
 * were added since. The one place this is decided: the course page and every answer carrying an
 * enrolment (enrolments/, learning/) call it with counts read by SQL (learning_tally, or the
 * outline's own rows).
 */
export function progressPercent(done: number, required: number, status: EnrolmentStatus): number {
  if (status === 'completed') return 100;
  return required === 0 ? 0 : Math.floor((done / required) * 100);
}
