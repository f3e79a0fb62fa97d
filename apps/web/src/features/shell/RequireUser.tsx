import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@ctlp/contracts';
import { ApiError } from '../../api/client';
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
 * Who is signed in could not be asked (offline, with no saved course to answer from; or the
 * platform is down): the learner is not sent to sign in, which would fail too, but told why.
 * The question is asked again on Try again, and by itself when the connection returns.
 */
function NeedsConnection({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('offline.needsConnectionTitle'));
  // The query cache takes a page opened offline for online (no 'offline' event came), so it would
  // not ask again by itself when the link returns: this page does.
  useEffect(() => {
    window.addEventListener('online', onRetry);
    return () => window.removeEventListener('online', onRetry);
  }, [onRetry]);
  return (
    <section>
      <h1>{t('offline.needsConnectionTitle')}</h1>
      <p>{t('offline.needsConnection')}</p>
      <button type="button" onClick={onRetry}>
        {t('offline.tryAgain')}
      </button>
    </section>
  );
}

/**
 * Guards a group of routes: signed in, with an active account holding one of `roles`. The API
 * checks the same on every request; this only spares the user a page they cannot use.
 */
export function RequireUser({ roles, anyStatus = false }: { roles?: Role[]; anyStatus?: boolean }) {
  const { data: user, isPending, error, refetch, isFetching } = useMe();
  const location = useLocation();
  const retry = useCallback(() => void refetch(), [refetch]);
  if (isPending || (error && isFetching)) return <Loading />;
  if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) return <NeedsConnection onRetry={retry} />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!anyStatus && user.status !== 'active') return <Navigate to="/pending" replace />;
  if (roles && !roles.some((role) => user.roles.includes(role))) return <NotAllowed />;
  return <Outlet />;
}
