import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useConfirmEmail } from '../../api/me/use-confirm-email';
import { useMe } from '../../api/me/use-me';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { isRefusedLink } from './refused-link';

/** Where to go next: the platform when signed in, signing in otherwise. */
function Onward() {
  const { t } = useTranslation('account');
  const { data: user } = useMe();
  return <p>{user ? <Link to="/">{t('confirmEmail.continue')}</Link> : <Link to="/login">{t('confirmEmail.logIn')}</Link>}</p>;
}

/** The page a confirmation mail links to (`/confirm-email?token=…`): it confirms as it opens. */
export function ConfirmEmailPage() {
  const { t } = useTranslation('account');
  const token = useSearchParams()[0].get('token') ?? '';
  const confirmation = useConfirmEmail(token);
  const { data: user } = useMe();
  const refused = !token || isRefusedLink(confirmation.error);
  const title = refused ? t('confirmEmail.badLinkTitle') : confirmation.isSuccess ? t('confirmEmail.doneTitle') : t('confirmEmail.title');
  usePageTitle(title);

  if (refused) {
    return (
      <section className="narrow">
        <h1>{title}</h1>
        <p>{t('confirmEmail.badLink')}</p>
        <Onward />
      </section>
    );
  }
  if (!confirmation.isSuccess) {
    return (
      <section className="narrow">
        <h1>{title}</h1>
        {confirmation.isPending ? (
          <p role="status">{t('confirmEmail.confirming')}</p>
        ) : (
          <>
            <FormError error={confirmation.error} />
            <button type="button" onClick={() => void confirmation.refetch()}>
              {t('confirmEmail.retry')}
            </button>
          </>
        )}
      </section>
    );
  }
  // The API may say whose account it was; a signed-in applicant's own account says it too.
  const status = confirmation.data.status ?? confirmation.data.user?.status ?? user?.status;
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <p role="status" className="notice">
        {t('confirmEmail.done')}
      </p>
      {status === 'pending' && <p>{t('confirmEmail.stillPending')}</p>}
      <Onward />
    </section>
  );
}
