import type { QueryClient } from '@tanstack/react-query';
import type { Schemas } from '../client';
import { myCertificatesKeys } from '../certificates/use-my-certificates';
import { patchCourse, withEnrolment, withLessonCompleted } from '../courses/course-cache';
import { courseKeys, type Course } from '../courses/use-course';
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
    // A sequential course opens its next lessons as the API decides: read its outline again.
    client.invalidateQueries({
      queryKey: courseKeys.all,
      predicate: (query) => {
        const course = query.state.data as Course | undefined;
        return course?.id === enrolment.courseId && course.sequential;
      },
    }),
    // A completed course moves the learner along the learning paths that hold it.
    enrolment.status === 'completed' ? client.invalidateQueries({ queryKey: ['learning-paths'] }) : undefined,
    certificate || enrolment.status === 'completed' ? client.invalidateQueries({ queryKey: myCertificatesKeys.all }) : undefined,
  ]);
}
