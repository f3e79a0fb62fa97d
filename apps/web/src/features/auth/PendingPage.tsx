import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useMe } from '../../api/me/use-me';
import { useMemberStateName } from '../../api/member-states/use-member-states';
import { usePageTitle } from '../../components/use-page-title';

/** Where an official waits for vetting, or learns why their registration was declined. */
export function PendingPage() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const stateName = useMemberStateName();
  usePageTitle(user?.status === 'rejected' ? t('pending.rejectedTitle') : t('pending.title'));
  if (!user) return null;
  if (user.status === 'active') return <Navigate to="/" replace />;
  const state = stateName(user.memberState);

  if (user.status === 'rejected') {
    return (
      <section className="narrow">
        <h1>{t('pending.rejectedTitle')}</h1>
        <p>{t('pending.rejected', { state })}</p>
        {user.rejectionReason && (
          <blockquote>
            <p>{user.rejectionReason}</p>
          </blockquote>
        )}
        <p>{t('pending.again')}</p>
        <p>
          <Link className="button" to="/register">
            {t('pending.registerAgain')}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('pending.title')}</h1>
      <p className="lead">{t('pending.received', { name: user.fullName })}</p>
      <p>{t('pending.next', { state })}</p>
      <p>{t('pending.meanwhile')}</p>
    </section>
  );
}
