import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { LOCALES } from '@ctlp/contracts';
import { useMyCertificates } from '../../api/certificates/use-my-certificates';
import { useCatalog } from '../../api/courses/use-catalog';
import { useMyEnrolments } from '../../api/learning/use-my-enrolments';
import type { Schemas, User } from '../../api/client';
import { useMe } from '../../api/me/use-me';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/use-page-title';
import { LANGUAGE_NAMES } from '../../i18n';
import { ProgressBar, contentLang } from '../courses/parts';
import { CourseSuggestions } from '../courses/suggestions';
import { numberFormat, dateFormat } from '../../intl';

/** What the platform offers, for a visitor: why, how many courses in which languages, how to join. */
function VisitorHome() {
  const { t, i18n } = useTranslation();
  const { data } = useCatalog({ limit: 8, offset: 0 });
  const number = numberFormat(i18n.language);
  return (
    <>
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <p className="actions">
          <Link to="/register" className="button">
            {t('nav.register')}
          </Link>
          <Link to="/login" className="button secondary">
            {t('nav.login')}
          </Link>
          <Link to="/courses">{t('home.browse')}</Link>
        </p>
      </section>
      <dl className="home-figures">
        <div>
          <dt>{t('home.courses')}</dt>
          <dd>{data ? number.format(data.total) : '…'}</dd>
        </div>
        <div>
          <dt>{t('home.languages')}</dt>
          <dd>
            {number.format(LOCALES.length)}
            {/* Each name in its own language and script: a list separator, not a conjunction of the reader's. */}
            <span className="muted home-languages">
              {LOCALES.map((locale, index) => (
                <span key={locale}>
                  {index > 0 && ' · '}
                  <span {...contentLang(locale)}>{LANGUAGE_NAMES[locale]}</span>
                </span>
              ))}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('home.certificates')}</dt>
          <dd className="home-figure-text">{t('home.certificatesText')}</dd>
        </div>
      </dl>
      <section aria-labelledby="how-heading" className="how-to-join">
        <h2 id="how-heading">{t('home.howTitle')}</h2>
        <ol>
          <li>{t('home.step1')}</li>
          <li>{t('home.step2')}</li>
          <li>{t('home.step3')}</li>
        </ol>
      </section>
      <CourseSuggestions heading={t('home.featured')} />
    </>
  );
}

type MyEnrolment = Schemas['MyEnrolmentItemDto'];

function ContinueCard({ enrolment }: { enrolment: MyEnrolment }) {
  const { t, i18n } = useTranslation();
  const { course } = enrolment;
  const when = enrolment.lastActivityAt ?? enrolment.enrolledAt;
  const target = enrolment.nextLessonId ? `/courses/${course.slug}/lessons/${enrolment.nextLessonId}` : `/courses/${course.slug}`;
  return (
    <li className="card continue-card">
      <h3 {...contentLang(course.language)}>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </h3>
      <ProgressBar value={enrolment.progress} label={t('home.progressOf', { title: course.title })} />
      <p className="muted">{t('home.lastActivity', { date: dateFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(when)) })}</p>
      <Link className="button" to={target}>
        {t('home.resume')}
        <span className="visually-hidden"> {course.title}</span>
      </Link>
    </li>
  );
}

/** A learner's start: the courses under way, most recent first, their certificates, what to take next. */
function LearnerHome({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const enrolments = useMyEnrolments();
  const certificates = useMyCertificates();
  const number = numberFormat(i18n.language);
  const all = enrolments.data?.items ?? [];
  const inProgress = all.filter((e) => e.status === 'active');
  const earned = certificates.data?.items.filter((c) => c.status === 'valid').length;
  return (
    <>
      <h1>{t('home.welcome', { name: user.fullName })}</h1>
      <section aria-labelledby="continue-heading">
        <h2 id="continue-heading">{t('home.continue')}</h2>
        {enrolments.isPending ? (
          <Loading shape="cards" count={2} />
        ) : inProgress.length === 0 ? (
          <p>
            {t('home.nothingInProgress')} <Link to="/courses">{t('home.browse')}</Link>
          </p>
        ) : (
          <ul className="cards">
            {inProgress.map((enrolment) => (
              <ContinueCard key={enrolment.id} enrolment={enrolment} />
            ))}
          </ul>
        )}
      </section>
      <dl className="home-figures">
        <div>
          <dt>{t('home.myCertificates')}</dt>
          <dd>{earned === undefined ? '…' : number.format(earned)}</dd>
        </div>
        <div>
          <dt>{t('home.completedCourses')}</dt>
          <dd>{enrolments.data ? number.format(all.filter((e) => e.status === 'completed').length) : '…'}</dd>
        </div>
      </dl>
      <p className="actions">
        <Link to="/certificates">{t('nav.certificates')}</Link>
        <Link to="/learning">{t('nav.learning')}</Link>
      </p>
      <CourseSuggestions heading={t('home.recommended')} exclude={all.map((e) => e.courseId)} />
    </>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { data: user, isPending } = useMe();
  usePageTitle(t('app.name'));
  if (isPending) return <Loading />;
  if (user && user.status !== 'active') return <Navigate to="/pending" replace />;
  if (!user) return <VisitorHome />;
  if (user.roles.includes('learner')) return <LearnerHome user={user} />;

  return (
    <section>
      <h1>{t('home.welcome', { name: user.fullName })}</h1>
      <p className="actions">
        {(user.roles.includes('trainer') || user.roles.includes('admin')) && (
          <Link to="/teach" className="button">
            {t('nav.teach')}
          </Link>
        )}
        <Link to="/courses">{t('home.browse')}</Link>
      </p>
    </section>
  );
}
