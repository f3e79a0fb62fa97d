import type { QueryClient } from '@tanstack/react-query';
import type { Schemas } from '../client';
import { myCertificatesKeys } from '../certificates/use-my-certificates';
import { patchCourse, withEnrolment, withLessonCompleted } from '../courses/course-cache';
import { myEnrolmentsKeys } from './use-my-enrolments';

/**
 * A learner's progress moved: the course shows the enrolment the API answered with (and the
 * lesson done); the list of their courses, and their certificates when one was issued, refetch.
 */
export function progressChanged(
  client: QueryClient,
  { enrolment, certificate }: { enrolment: Schemas['EnrolmentDto']; certificate?: Schemas['CertificateDto'] },
  doneLessonId?: string,
) {
  patchCourse(client, enrolment.courseId, (course) => {
    const enrolled = withEnrolment(course, enrolment);
    return doneLessonId ? withLessonCompleted(enrolled, doneLessonId) : enrolled;
  });
  return Promise.all([
    client.invalidateQueries({ queryKey: myEnrolmentsKeys.all }),
    certificate ? client.invalidateQueries({ queryKey: myCertificatesKeys.all }) : undefined,
  ]);
}
