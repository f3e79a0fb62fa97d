import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/me/use-me';
import { useErrorText } from '../../components/use-error-text';
import { usePageTitle } from '../../components/use-page-title';
import { dateFormat, numberFormat } from '../../intl';
import { flushQueue, type QueuedWrite } from '../../offline/queue';
import { useOnline } from '../../offline/use-online';
import { useQueue } from '../../offline/use-queue';

function Item({ item }: { item: QueuedWrite }) {
  const { t, i18n } = useTranslation();
  const { errorText } = useErrorText();
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const percent = numberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <li className={`sync-item sync-${item.state}`}>
      <strong>{t(`offline.kind_${item.kind}`)}</strong>: <bdi>{item.title}</bdi>{' '}
      <span className="muted">· {when.format(new Date(item.sentAt ?? item.createdAt))}</span>
      {item.state !== 'waiting' && (
        <>
          {' '}
          · <span className="sync-state">{t(`offline.state_${item.state}`)}</span>
        </>
      )}
      {item.result && (
        <>
          {' '}
          · {t('offline.score', { score: percent.format(item.result.score / 100) })} (
          {item.result.passed ? t('offline.passed') : t('offline.notPassed')})
        </>
      )}
      {item.error && (
        <p className="error-text">
          {errorText(new ApiError(item.error.status, item.error.code, (item.error.params ?? {}) as ApiError['params']))}
        </p>
      )}
    </li>
  );
}

/** What was done offline: waiting to send (with Send now), and what was sent lately with its outcome. */
export function SyncPage() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const client = useQueryClient();
  const online = useOnline();
  const queue = useQueue();
  const [sending, setSending] = useState(false);
  usePageTitle(t('offline.syncTitle'));
  const waiting = queue.filter((item) => item.state === 'waiting');
  const done = queue.filter((item) => item.state !== 'waiting').reverse();

  async function sendNow() {
    if (!user) return;
    setSending(true);
    try {
      if (await flushQueue(user.id)) await client.invalidateQueries();
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="sync-page">
      <h1>{t('offline.syncTitle')}</h1>
      <p>{t('offline.syncIntro')}</p>
      <h2>{t('offline.waiting')}</h2>
      {waiting.length ? (
        <>
          <ul className="sync-list">
            {waiting.map((item) => (
              <Item key={item.idempotencyKey} item={item} />
            ))}
          </ul>
          <button type="button" disabled={sending || !online} onClick={() => void sendNow()}>
            {sending ? t('offline.sending') : t('offline.sendNow')}
          </button>
        </>
      ) : (
        <p>{t('offline.nothingWaiting')}</p>
      )}
      <h2>{t('offline.recent')}</h2>
      {done.length ? (
        <ul className="sync-list">
          {done.map((item) => (
            <Item key={item.idempotencyKey} item={item} />
          ))}
        </ul>
      ) : (
        <p>{t('offline.nothingSent')}</p>
      )}
      <p>
        <Link to="/learning">{t('nav.learning')}</Link>
      </p>
    </section>
  );
}
