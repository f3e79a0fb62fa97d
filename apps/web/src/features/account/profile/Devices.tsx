import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessions } from '../../../api/sessions/use-sessions';
import { useSignOutDevice, useSignOutOtherDevices } from '../../../api/sessions/use-sign-out-devices';
import type { Schemas } from '../../../api/client';
import { AsyncTable } from '../../../components/Async';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { devicesInOrder, summarizeUserAgent } from '../user-agent';
import { dateFormat } from '../../../intl';

/** "Firefox on Windows", or as much of it as the browser said. */
function useDeviceName() {
  const { t } = useTranslation('account');
  return (session: Schemas['SessionDto']) => {
    const { browser, os } = summarizeUserAgent(session.userAgent);
    if (browser && os) return t('devices.browserOnOs', { browser, os });
    return browser ?? os ?? t('devices.unknown');
  };
}

/** The devices signed in to this account, with a way to sign any other one out. */
export function Devices() {
  const { t, i18n } = useTranslation('account');
  const sessions = useSessions();
  const signOut = useSignOutDevice();
  const signOutOthers = useSignOutOtherDevices();
  const [done, setDone] = useState<'one' | 'others'>();
  const deviceName = useDeviceName();
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const items = sessions.data ? devicesInOrder(sessions.data.items) : undefined;
  const others = items?.filter((session) => !session.current).length ?? 0;
  const busy = signOut.isPending || signOutOthers.isPending;

  return (
    <section className="panel" aria-labelledby="profile-devices">
      <h2 id="profile-devices">{t('devices.title')}</h2>
      <p>{t('devices.intro')}</p>
      <Notice message={done === 'one' ? t('devices.signedOut') : done === 'others' ? t('devices.othersSignedOut') : undefined} />
      <FormError error={signOut.error ?? signOutOthers.error} />
      <AsyncTable
        cardsOnPhones
        query={{ ...sessions, data: items && { items } }}
        caption={t('devices.title')}
        empty={t('devices.empty')}
        columns={[t('devices.device'), t('devices.signedIn'), t('devices.address'), t('devices.actions')]}
        rowKey={(session) => session.id}
        row={(session) => (
          <>
            <th scope="row">
              {deviceName(session)}
              {session.current && (
                <>
                  {' '}
                  <span className="this-device">{t('devices.thisDevice')}</span>
                </>
              )}
            </th>
            <td>{when.format(new Date(session.createdAt))}</td>
            <td>{session.address ?? t('devices.noAddress')}</td>
            <td>
              {!session.current && (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => signOut.mutate(session.id, { onSuccess: () => setDone('one') })}
                >
                  {t('devices.signOut')}
                  <span className="visually-hidden">
                    {' '}
                    {t('devices.signedInAt', { device: deviceName(session), when: when.format(new Date(session.createdAt)) })}
                  </span>
                </button>
              )}
            </td>
          </>
        )}
      />
      {others > 0 && (
        <p>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => signOutOthers.mutate(undefined, { onSuccess: () => setDone('others') })}
          >
            {t('devices.signOutOthers')}
          </button>
        </p>
      )}
    </section>
  );
}
