import type { MigrationInterface } from 'typeorm';
import { Init1795412316658 } from './1795412316658-init.js';
import { Courses1795413953977 } from './1795413953977-courses.js';
import { Certificates1795432498022 } from './1795432498022-certificates.js';
import { ReportSummary1795480000000 } from './1795480000000-report-summary.js';
import { ReportSummaryEvents1796140000000 } from './1796140000000-report-summary-events.js';
import { LearningRules1796200000000 } from './1796200000000-learning-rules.js';
import { LearningRulesTally1796300000000 } from './1796300000000-learning-rules-tally.js';
import { SessionUser1796400000000 } from './1796400000000-session-user.js';
import { JobQueue1796500000000 } from './1796500000000-job-queue.js';
import { MailMessages1796600000000 } from './1796600000000-mail-messages.js';
import { LoginLimitsDevices1796650000000 } from './1796650000000-login-limits-devices.js';
import { AccountLinks1796700000000 } from './1796700000000-account-links.js';
import { CertificateExpiryReminder1796800000000 } from './1796800000000-certificate-expiry-reminder.js';
import { Activities1796900000000 } from './1796900000000-activities.js';
import { ActivityAccounts1797000000000 } from './1797000000000-activity-accounts.js';
import { UsersEmailKey1797000000001 } from './1797000000001-users-email-key.js';
import { MergeKeepsCertificates1797000000002 } from './1797000000002-merge-keeps-certificates.js';
import { ParticipationCertificates1797300000000 } from './1797300000000-participation-certificates.js';
import { ReportActivities1797200000000 } from './1797200000000-report-activities.js';
import { ActivityImportRef1797400000000 } from './1797400000000-activity-import-ref.js';
import { ReportByState1797500000000 } from './1797500000000-report-by-state.js';
import { TopicVocabulary1797600000000 } from './1797600000000-topic-vocabulary.js';
import { CourseCover1797700000000 } from './1797700000000-course-cover.js';
import { Mfa1797800000000 } from './1797800000000-mfa.js';
import { ApiTokens1797810000000 } from './1797810000000-api-tokens.js';
import { PersonalDataRights1797820000000 } from './1797820000000-personal-data-rights.js';
import { NormaliseUserEmails1797840000000 } from './1797840000000-normalise-user-emails.js';
import { RegistrationRequests1797850000000 } from './1797850000000-registration-requests.js';
import { QuizDraws1797900000000 } from './1797900000000-quiz-draws.js';
import { MeasuredLearning1797910000000 } from './1797910000000-measured-learning.js';
import { OrderAndPaths1797920000000 } from './1797920000000-order-and-paths.js';
import { RecertificationCycles1797930000000 } from './1797930000000-recertification-cycles.js';
import { CourseVersions1797940000000 } from './1797940000000-course-versions.js';
import { IdempotencyKeys1797960000000 } from './1797960000000-idempotency-keys.js';
import { LessonVideoFiles1797970000000 } from './1797970000000-lesson-video-files.js';

// Migrations in the order they run. `npm run db:migration:generate -- Name` writes a new file;
// add its class here.
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Init1795412316658,
  Courses1795413953977,
  Certificates1795432498022,
  ReportSummary1795480000000,
  ReportSummaryEvents1796140000000,
  LearningRules1796200000000,
  LearningRulesTally1796300000000,
  SessionUser1796400000000,
  JobQueue1796500000000,
  MailMessages1796600000000,
  LoginLimitsDevices1796650000000,
  AccountLinks1796700000000,
  CertificateExpiryReminder1796800000000,
  Activities1796900000000,
  ActivityAccounts1797000000000,
  UsersEmailKey1797000000001,
  MergeKeepsCertificates1797000000002,
  ReportActivities1797200000000,
  ParticipationCertificates1797300000000,
  ActivityImportRef1797400000000,
  ReportByState1797500000000,
  TopicVocabulary1797600000000,
  CourseCover1797700000000,
  Mfa1797800000000,
  ApiTokens1797810000000,
  PersonalDataRights1797820000000,
  NormaliseUserEmails1797840000000,
  RegistrationRequests1797850000000,
  QuizDraws1797900000000,
  MeasuredLearning1797910000000,
  OrderAndPaths1797920000000,
  RecertificationCycles1797930000000,
  CourseVersions1797940000000,
  IdempotencyKeys1797960000000,
  LessonVideoFiles1797970000000,
];
