import { forwardRef, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import type { Course } from '../../api/courses/use-course';
import { useMyCertificates } from '../../api/certificates/use-my-certificates';
import { useMyEnrolments } from '../../api/learning/use-my-enrolments';
import { useToast } from '../../components/Feedback';
import { Loading } from '../../components/Loading';
import { EvaluationPrompt } from './EvaluationPrompt';
import { contentLang, useDuration } from './parts';
import { CourseSuggestions } from './suggestions';
import { numberFormat } from '../../intl';

/**
 * What a learner sees once a course is finished, right after its last lesson and on the course
 * page from then on: the certificate with its public verification link to copy or share (plain
 * links and the browser's own share sheet: no third-party script), the learning time, and what
 * to take next. `headingRef` lets the lesson page move focus here as the course completes.
 */
export const CompletionPanel = forwardRef<HTMLHeadingElement, { course: Course }>(function CompletionPanel({ course }, headingRef) {
  const { t, i18n } = useTranslation('courses');
  const duration = useDuration();
  const number = numberFormat(i18n.language, { maximumFractionDigits: 1 });
  const mine = useMyEnrolments();
  const first = course.modules.flatMap((m) => m.lessons)[0];
  const started = (mine.data?.items ?? []).map((e) => e.courseId);
  const finalScore = mine.data?.items.find((e) => e.courseId === course.id)?.finalScore;

  return (
    <section className="panel completion" aria-labelledby="completion-heading" {...contentLang(i18n.language)}>
      <h2 id="completion-heading" ref={headingRef} tabIndex={-1}>
        {t('completion.title')}
      </h2>
      <p className="lead">
        {t('completion.youCompleted')} <cite {...contentLang(course.language)}>{course.title}</cite>
      </p>
      <dl className="facts">
        <dt>{t('completion.learningTime')}</dt>
        <dd>{duration(course.estimatedMinutes)}</dd>
        {finalScore != null && (
          <>
            <dt>{t('completion.finalScore')}</dt>
            <dd>{t('quiz.attemptScore', { score: number.format(finalScore) })}</dd>
          </>
        )}
      </dl>
      <EvaluationPrompt course={course} />
      {course.certificate.enabled ? <CourseCertificate course={course} /> : <p>{t('completion.noCertificate')}</p>}
      <p className="actions">
        {first && <Link to={`/courses/${course.slug}/lessons/${first.id}`}>{t('course.review')}</Link>}
        <Link to="/certificates">{t('nav.certificates')}</Link>
        <Link to="/learning">{t('completion.myLearning')}</Link>
      </p>
      <CourseSuggestions heading={t('completion.next')} exclude={[course.id, ...started]} />
    </section>
  );
});

function CourseCertificate({ course }: { course: Course }) {
  const { data, isPending } = useMyCertificates();
  const certificate = data?.items.find((c) => c.kind === 'course' && c.courseId === course.id);
  if (isPending) return <Loading shape="lines" count={2} />;
  if (!certificate) return null;
  return <CertificateShare certificate={certificate} />;
}

function CertificateShare({ certificate }: { certificate: Schemas['CertificateDto'] }) {
  const { t } = useTranslation('courses');
  const toast = useToast();
  const link = useRef<HTMLInputElement>(null);
  const url = certificate.verificationUrl;
  const canShare = typeof navigator.share === 'function';

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      toast({ message: t('completion.copied'), tone: 'success' });
    } catch {
      // No clipboard (permission refused, an old browser): leave the link selected to copy by hand.
      link.current?.select();
      toast({ message: t('completion.copyByHand'), tone: 'info' });
    }
  }

  async function share() {
    try {
      await navigator.share({ title: certificate.courseTitle, text: t('completion.shareText', { title: certificate.courseTitle }), url });
    } catch {
      // Closing the share sheet rejects too: nothing to say.
    }
  }

  if (certificate.status === 'revoked') return <p className="notice">{t('completion.revoked')}</p>;
  return (
    <div className="certificate-share">
      <h3>{t('completion.certificate')}</h3>
      <p>
        {t('completion.serial')} <strong className="serial">{certificate.serial}</strong>
      </p>
      <p>
        <a className="button" href={`/api/certificates/${certificate.id}/pdf`} download>
          {t('completion.downloadPdf')}
        </a>
      </p>
      <VerificationLink ref={link} url={url} />
      <p className="actions">
        <button type="button" onClick={() => void copy()}>
          {t('completion.copy')}
        </button>
        {canShare && (
          <button type="button" className="secondary" onClick={() => void share()}>
            {t('completion.share')}
          </button>
        )}
        <a
          href={`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`}
          rel="noopener noreferrer"
          target="_blank"
        >
          {t('completion.shareLinkedIn')}
        </a>
      </p>
    </div>
  );
}

const VerificationLink = forwardRef<HTMLInputElement, { url: string }>(function VerificationLink({ url }, ref) {
  const { t } = useTranslation('courses');
  return (
    <div className="field">
      <label htmlFor="verification-link">{t('completion.verificationLink')}</label>
      <input id="verification-link" ref={ref} className="serial" readOnly value={url} dir="ltr" onFocus={(e) => e.target.select()} />
      <p className="field-hint">
        {t('completion.verificationHint')}{' '}
        <a href={url} rel="noopener" target="_blank">
          {t('completion.openVerification')}
        </a>
      </p>
    </div>
  );
});
