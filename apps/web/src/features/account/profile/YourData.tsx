import { useTranslation } from 'react-i18next';
import { useRequestErasure, useWithdrawErasure } from '../../../api/personal-data/use-erasure-request-edits';
import { useMyErasureRequests } from '../../../api/personal-data/use-my-erasure-requests';
import { useConfirm, useToast } from '../../../components/Feedback';
import { FormError } from '../../../components/FormError';
import { dateFormat } from '../../../intl';

/** What happens on erasure, said before the person asks for it. */
function ErasureExplained() {
  const { t } = useTranslation('account');
  return (
    <ul>
      <li>{t('yourData.erasureReplaced')}</li>
      <li>{t('yourData.erasureKept')}</li>
      <li>{t('yourData.erasureCertificates')}</li>
      <li>{t('yourData.erasureFinal')}</li>
    </ul>
  );
}

/** "Your data": download everything held about me, and ask for it to be erased (or take the request back). */
export function YourData() {
  const { t, i18n } = useTranslation('account');
  const requests = useMyErasureRequests();
  const requestErasure = useRequestErasure();
  const withdraw = useWithdrawErasure();
  const confirm = useConfirm();
  const toast = useToast();
  const date = dateFormat(i18n.language, { dateStyle: 'long' });
  const latest = requests.data?.items[0];
  const open = latest?.status === 'open' ? latest : undefined;

  async function ask() {
    const yes = await confirm({
      title: t('yourData.confirmTitle'),
      body: <ErasureExplained />,
      confirmLabel: t('yourData.request'),
      danger: true,
    });
    if (yes) requestErasure.mutate(undefined, { onSuccess: () => toast({ message: t('yourData.requested'), tone: 'success' }) });
  }

  async function takeBack(id: string) {
    const yes = await confirm({ title: t('yourData.withdrawTitle'), confirmLabel: t('yourData.withdraw') });
    if (yes) withdraw.mutate(id, { onSuccess: () => toast({ message: t('yourData.withdrawn'), tone: 'success' }) });
  }

  return (
    <section className="panel" aria-labelledby="profile-data">
      <h2 id="profile-data">{t('yourData.title')}</h2>
      <p>{t('yourData.intro')}</p>
      <p>
        <a className="button secondary" href="/api/me/data" download="ctlp-my-data.json">
          {t('yourData.download')}
        </a>
      </p>
      <h3>{t('yourData.erasureTitle')}</h3>
      <FormError error={requestErasure.error ?? withdraw.error} />
      {open ? (
        <>
          <p className="notice" role="status">
            {t('yourData.openSince', { date: date.format(new Date(open.requestedAt)) })}
          </p>
          <button type="button" className="secondary" disabled={withdraw.isPending} onClick={() => void takeBack(open.id)}>
            {t('yourData.withdraw')}
          </button>
        </>
      ) : (
        <>
          {latest?.status === 'refused' && (
            <p className="notice">
              {t('yourData.refused', { date: date.format(new Date(latest.decidedAt ?? latest.requestedAt)) })}{' '}
              <bdi>{latest.refusalReason}</bdi>
            </p>
          )}
          <ErasureExplained />
          <button type="button" className="danger" disabled={requestErasure.isPending || requests.isPending} onClick={() => void ask()}>
            {t('yourData.request')}
          </button>
        </>
      )}
    </section>
  );
}
