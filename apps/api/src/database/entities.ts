import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { AccountTokenEntity } from '../auth/account-token.entity.js';
import { ApiTokenEntity } from '../auth/api-token.entity.js';
import { LoginFailureEntity } from '../auth/login-failure.entity.js';
import { MfaRecoveryCodeEntity, UserMfaEntity } from '../auth/mfa/mfa.entity.js';
import { PasswordResetRequestEntity } from '../auth/password-reset-request.entity.js';
import { RegistrationRequestEntity } from '../auth/registration-request.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { MemberStateEntity } from '../member-states/member-state.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { CourseEntity } from '../courses/course.entity.js';
import { CourseTrainerEntity } from '../courses/course-trainer.entity.js';
import { LessonEntity } from '../courses/lesson.entity.js';
import { ModuleEntity } from '../courses/module.entity.js';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';
import { LessonProgressEntity } from '../learning/lesson-progress.entity.js';
import { QuizAttemptEntity } from '../learning/quiz-attempt.entity.js';
import { QuizDrawEntity } from '../learning/quiz-draw.entity.js';
import { IdempotencyKeyEntity } from '../learning/idempotency-key.entity.js';
import { CertificateEntity } from '../certificates/certificate.entity.js';
import { VerificationMissEntity } from '../certificates/verification-miss.entity.js';
import { MailMessageEntity } from '../mail/mail-message.entity.js';
import { ActivityEntity } from '../activities/activity.entity.js';
import { ActivityOrganiserEntity } from '../activities/activity-organiser.entity.js';
import { ParticipantEntity } from '../activities/participant.entity.js';
import { ActivityParticipantEntity } from '../activities/activity-participant.entity.js';
import { AttendanceEntity } from '../activities/attendance.entity.js';
import { CoursePrerequisiteEntity } from '../courses/course-prerequisite.entity.js';
import { LearningPathEntity } from '../learning-paths/learning-path.entity.js';
import { LearningPathCourseEntity } from '../learning-paths/learning-path-course.entity.js';
import { ErasureRequestEntity } from '../personal-data/erasure-request.entity.js';
import { EvaluationItemEntity } from '../evaluations/evaluation-item.entity.js';
import { EvaluationResponseEntity } from '../evaluations/evaluation-response.entity.js';
import { EvaluationSubmissionEntity } from '../evaluations/evaluation-submission.entity.js';

/** Every entity, listed once: the app, the CLI and the tests all read this. */
export const ENTITIES = [
  MemberStateEntity,
  UserEntity,
  AuditEventEntity,
  LoginFailureEntity,
  SessionEntity,
  CourseEntity,
  CourseTrainerEntity,
  ModuleEntity,
  LessonEntity,
  EnrolmentEntity,
  LessonProgressEntity,
  QuizAttemptEntity,
  QuizDrawEntity,
  CertificateEntity,
  VerificationMissEntity,
  MailMessageEntity,
  AccountTokenEntity,
  PasswordResetRequestEntity,
  RegistrationRequestEntity,
  ActivityEntity,
  ActivityOrganiserEntity,
  ParticipantEntity,
  ActivityParticipantEntity,
  AttendanceEntity,
  ApiTokenEntity,
  ErasureRequestEntity,
  UserMfaEntity,
  MfaRecoveryCodeEntity,
  EvaluationItemEntity,
  EvaluationResponseEntity,
  EvaluationSubmissionEntity,
  CoursePrerequisiteEntity,
  LearningPathEntity,
  LearningPathCourseEntity,
  IdempotencyKeyEntity,
];
