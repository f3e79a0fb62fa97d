import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMfa } from '../../../api/me/use-me';
import { usePageTitle } from '../../../components/use-page-title';
import { MfaSection } from './MfaSection';

/**
 * Two-step sign-in on a page of its own: where a user whose role requires it is sent from every
 * page until it is set up (AppLayout), and where they continue once it is.
 */
export function SecurityPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('twoStep.title'));
  const { data: mfa } = useMfa();
  return (
    <section className="narrow">
      <h1>{t('twoStep.title')}</h1>
      <MfaSection />
      {mfa?.enabled && (
        <p>
          <Link to="/">{t('twoStep.proceed')}</Link>
        </p>
      )}
    </section>
  );
}
