import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { useMe, useMfa } from '../../api/me/use-me';
import { useSaveLocale } from '../../api/me/use-save-locale';
import { useLogout } from '../../api/me/use-sign-in';
import { usePendingCount } from '../../api/registrations/use-pending-count';
import { FeedbackProvider } from '../../components/Feedback';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';
import { Loading } from '../../components/Loading';
import { numberFormat } from '../../intl';

// Signed-in only, so its code (and the IndexedDB queue it reads) stays out of the first page's scripts.
const OfflineStatus = lazy(() => import('./OfflineStatus').then((module) => ({ default: module.OfflineStatus })));

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { data: user } = useMe();
  const save = useSaveLocale();
  // This render's language (the server renders with its own i18next instance, not the global one).
  const language = (i18n.resolvedLanguage ?? i18n.language) as Locale;
  // A signed-in user's profile decides the language; the browser's only until then.
  useEffect(() => {
    if (user?.locale && user.locale !== currentLocale()) void i18n.changeLanguage(user.locale);
  }, [user?.locale, i18n]);
  function choose(locale: Locale) {
    void i18n.changeLanguage(locale);
    if (user) save.mutate(locale);
  }
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={language} onChange={(event) => choose(event.target.value as Locale)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The Vetting link, with how many registrations wait (none shown when none wait). */
function VettingLink() {
  const { t, i18n } = useTranslation();
  const { data: pending } = usePendingCount(true);
  return (
    <NavLink to="/vetting">
      {t('nav.vetting')}
      {!!pending && (
        <>
          {/* The figure for the eye; the sentence with its plural for a screen reader. */}
          <span className="badge" aria-hidden="true">
            {numberFormat(i18n.language).format(pending)}
          </span>
          <span className="visually-hidden"> ({t('nav.pendingCount', { count: pending })})</span>
        </>
      )}
    </NavLink>
  );
}

/**
 * On a phone the navigation and the account tools fold behind one Menu button (a disclosure), so
 * the page starts under a one-line header; the button shows the vetting count the folded menu holds.
 */
function MenuToggle({ open, onToggle, canVet }: { open: boolean; onToggle: () => void; canVet: boolean }) {
  const { t, i18n } = useTranslation();
  const { data: pending } = usePendingCount(canVet);
  return (
    <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="site-menu" onClick={onToggle}>
      {t('nav.menu')}
      {canVet && !!pending && (
        <>
          <span className="badge" aria-hidden="true">
            {numberFormat(i18n.language).format(pending)}
          </span>
          <span className="visually-hidden"> ({t('nav.pendingCount', { count: pending })})</span>
        </>
      )}
    </button>
  );
}

/** Header, navigation by role, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const logout = useLogout();
  const navigation = useNavigation();
  const roles = user?.status === 'active' ? user.roles : [];
  const canVet = roles.includes('focal_point') || roles.includes('admin');
  const seesActivities = canVet || roles.includes('trainer');
  // The menu is open on the page it was opened on: choosing another page closes it.
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  // A role that requires two-step sign-in without it set up: every page sends them to set it up
  // (the API refuses them everything else with mfa_required anyway).
  const { data: mfa } = useMfa();
  const mustSetUpMfa = Boolean(user && mfa?.required && !mfa.enabled) && pathname !== '/security';

  return (
    <FeedbackProvider>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            CTLP
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <MenuToggle open={menuOpen} onToggle={() => setOpenOn(menuOpen ? null : pathname)} canVet={canVet} />
        <div id="site-menu" className={menuOpen ? 'site-menu open' : 'site-menu'}>
          <nav aria-label={t('nav.main')}>
            <ul>
              <li>
                <NavLink to="/courses">{t('nav.catalog')}</NavLink>
              </li>
              {roles.includes('learner') && (
                <>
                  <li>
                    <NavLink to="/learning">{t('nav.learning')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/certificates">{t('nav.certificates')}</NavLink>
                  </li>
                </>
              )}
              {(roles.includes('trainer') || roles.includes('admin')) && (
                <li>
                  <NavLink to="/teach">{t('nav.teach')}</NavLink>
                </li>
              )}
              {seesActivities && (
                <li>
                  <NavLink to="/activities">{t('nav.activities')}</NavLink>
                </li>
              )}
              {canVet && (
                <>
                  <li>
                    <VettingLink />
                  </li>
                  <li>
                    <NavLink to="/reports">{t('nav.reports')}</NavLink>
                  </li>
                </>
              )}
              {roles.includes('admin') && (
                <>
                  <li>
                    <NavLink to="/users">{t('nav.users')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/mail">{t('nav.mail')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/audit">{t('nav.audit')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/erasure-requests">{t('nav.erasureRequests')}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <div className="header-tools">
            <LanguageSwitcher />
            {user ? (
              <>
                <NavLink to="/profile" className="signed-in-as">
                  <span className="visually-hidden">{t('nav.profile')}: </span>
                  {user.fullName}
                </NavLink>
                <button type="button" className="button-link" disabled={logout.isPending} onClick={() => logout.mutate()}>
                  {t('nav.logout')}
                </button>
                {/* A declined applicant may register again, under another address. */}
                {user.status === 'rejected' && (
                  <Link to="/register" className="button">
                    {t('nav.register')}
                  </Link>
                )}
              </>
            ) : (
              <>
                <Link to="/login">{t('nav.login')}</Link>
                <Link to="/register" className="button">
                  {t('nav.register')}
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      {user && (
        <Suspense fallback={<div className="offline-status" role="status" />}>
          <OfflineStatus />
        </Suspense>
      )}
      <main id="main" tabIndex={-1} aria-busy={navigation.state === 'loading'}>
        <Suspense fallback={<Loading />}>{mustSetUpMfa ? <Navigate to="/security" replace /> : <Outlet />}</Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </FeedbackProvider>
  );
}
