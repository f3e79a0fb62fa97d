import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@ctlp/contracts';
import { useMe } from '../../api/me/use-me';
import { usePageTitle } from '../../components/use-page-title';
import { Loading } from '../../components/Loading';

function NotAllowed() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notAllowedTitle'));
  return (
    <section>
      <h1>{t('errors.notAllowedTitle')}</h1>
      <p>{t('errors.notAllowed')}</p>
    </section>
  );
}

/**
 * Guards a group of routes: signed in, with an active account holding one of `roles`. The API
 * checks the same on every request; this only spares the user a page they cannot use.
 */
export function RequireUser({ roles, anyStatus = false }: { roles?: Role[]; anyStatus?: boolean }) {
  const { data: user, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!anyStatus && user.status !== 'active') return <Navigate to="/pending" replace />;
  if (roles && !roles.some((role) => user.roles.includes(role))) return <NotAllowed />;
  return <Outlet />;
}
