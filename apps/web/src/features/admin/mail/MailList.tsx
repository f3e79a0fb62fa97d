import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_PAGE_SIZE, useMail } from '../../../api/admin/use-mail';
import { AsyncTable } from '../../../components/Async';
import { Pagination } from '../../../components/Pagination';
import { mailStatusText } from './mail-status';
import { dateFormat } from '../../../intl';

/** The messages, newest first, a page at a time; "Read" opens one below. */
export function MailList({ reading, onRead }: { reading: string | undefined; onRead: (id: string) => void }) {
  const { t, i18n } = useTranslation('admin');
  const [offset, setOffset] = useState(0);
  const mail = useMail(MAIL_PAGE_SIZE, offset);
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="mail-messages">
      <h2 id="mail-messages">{t('mail.messages')}</h2>
      <AsyncTable
        cardsOnPhones
        query={mail}
        caption={t('mail.messages')}
        empty={t('mail.empty')}
        columns={[t('mail.subject'), t('mail.to'), t('mail.when'), t('mail.template'), t('mail.statusLabel'), t('mail.actions')]}
        rowKey={(message) => message.id}
        row={(message) => (
          <>
            <th scope="row" lang={message.locale} dir="auto">
              {message.subject}
            </th>
            <td>{message.to}</td>
            <td>{when.format(new Date(message.createdAt))}</td>
            <td>
              <code>{message.template}</code>
            </td>
            <td>{mailStatusText(message.status, t)}</td>
            <td>
              <button type="button" className="secondary" aria-expanded={reading === message.id} onClick={() => onRead(message.id)}>
                {t('mail.read')}
                <span className="visually-hidden"> {message.subject}</span>
              </button>
            </td>
          </>
        )}
      />
      {mail.data && <Pagination total={mail.data.total} limit={MAIL_PAGE_SIZE} offset={offset} onChange={setOffset} />}
    </section>
  );
}
