import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/me/use-me';
import { numberFormat } from '../../intl';
import { flushQueue } from '../../offline/queue';
import { useOnline } from '../../offline/use-online';
import { useQueue } from '../../offline/use-queue';

/**
 * Under the header: "offline" while the browser has no network, and how many writes wait to be
 * sent (a link to the sync page). One live region, so each change is announced. Sends the queue
 * on start and whenever the link returns.
 */
export function OfflineStatus() {
  const { t, i18n } = useTranslation();
  const { data: user } = useMe();
  const client = useQueryClient();
  const online = useOnline();
  const waiting = useQueue().filter((item) => item.state === 'waiting').length;
  const userId = user?.id;

  useEffect(() => {
    if (!userId) return;
    const send = () =>
      void flushQueue(userId).then((answered) => {
        // What was recorded changes courses, lessons and the learner's list: read them again.
        if (answered) void client.invalidateQueries();
      });
    send();
    window.addEventListener('online', send);
    return () => window.removeEventListener('online', send);
  }, [userId, client]);

  return (
    <div className="offline-status" role="status">
      {!online && <p>{t('offline.offlineNow')}</p>}
      {waiting > 0 && (
        <p>
          <Link to="/sync">{t('offline.waitingCount', { count: numberFormat(i18n.language).format(waiting) })}</Link>
        </p>
      )}
    </div>
  );
}
