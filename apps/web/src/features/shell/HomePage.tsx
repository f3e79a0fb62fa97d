import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useMe } from '../../api/me/use-me';
import { useMemberStateName } from '../../api/member-states/use-member-states';
import { usePageTitle } from '../../components/use-page-title';
import { Loading } from '../../components/Loading';

export function HomePage() {
  const { t } = useTranslation();
  const { data: user, isPending } = useMe();
  const stateName = useMemberStateName();
  usePageTitle(t('app.name'));
  if (isPending) return <Loading />;
  if (user && user.status !== 'active') return <Navigate to="/pending" replace />;

  if (!user) {
    return (
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <p className="actions">
          <Link to="/register" className="button">
            {t('nav.register')}
          </Link>
          <Link to="/login">{t('home.haveAccount')}</Link>
          <Link to="/courses">{t('home.browse')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('home.welcome', { name: user.fullName })}</h1>
      <p className="actions">
        {user.roles.includes('learner') && (
          <Link to="/learning" className="button">
            {t('nav.learning')}
          </Link>
        )}
        {(user.roles.includes('trainer') || user.roles.includes('admin')) && <Link to="/teach">{t('nav.teach')}</Link>}
        <Link to="/courses">{t('home.browse')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('profile.roles')}</dt>
        <dd>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
        <dt>{t('fields.memberState')}</dt>
        <dd>{stateName(user.memberState)}</dd>
        <dt>{t('fields.institution')}</dt>
        <dd>{user.institution}</dd>
        <dt>{t('fields.email')}</dt>
        <dd>{user.email}</dd>
      </dl>
    </section>
  );
}
