import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMailMessage } from '../../../api/admin/use-mail-message';
import type { Schemas } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { mailDocument } from './mail-document';
import { mailStatusText } from './mail-status';
import { Loading } from '../../../components/Loading';
import { dateFormat, languageName } from '../../../intl';

/**
 * The body as its HTML or as its plain text. The HTML is the document of a frame that runs no
 * script and loads nothing (mail-document.ts); its links open in a new tab, outside the frame, so
 * an admin can follow a message's link in development.
 */
function MailBody({ message }: { message: Schemas['MailMessageDto'] }) {
  const { t } = useTranslation('admin');
  const [asHtml, setAsHtml] = useState(message.html !== null);
  if (message.html === null && message.text === null) return <p>{t('mail.noBody')}</p>;
  return (
    <>
      {message.html !== null && message.text !== null && (
        <p className="row-actions">
          <button type="button" className="secondary" aria-pressed={asHtml} onClick={() => setAsHtml(true)}>
            {t('mail.asHtml')}
          </button>
          <button type="button" className="secondary" aria-pressed={!asHtml} onClick={() => setAsHtml(false)}>
            {t('mail.asText')}
          </button>
        </p>
      )}
      {asHtml && message.html !== null ? (
        <iframe
          className="mail-view"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={mailDocument(message.html)}
          title={t('mail.htmlOf', { subject: message.subject })}
        />
      ) : (
        <pre className="mail-text" lang={message.locale} dir="auto">
          {message.text}
        </pre>
      )}
    </>
  );
}

/** One message: who it went to, when, what it is, and its body. */
export function MailReader({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('admin');
  const message = useMailMessage(id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a message takes the reader to it.
  useEffect(() => heading.current?.focus(), []);
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const data = message.data;
  return (
    <section className="panel" aria-labelledby="mail-reader">
      <h2 id="mail-reader" ref={heading} tabIndex={-1} lang={data?.locale} dir="auto">
        {data?.subject ?? t('mail.message')}
      </h2>
      {message.isPending && <Loading />}
      <FormError error={message.error} />
      {data && (
        <>
          <dl className="facts">
            <dt>{t('mail.to')}</dt>
            <dd>{data.to}</dd>
            <dt>{t('mail.when')}</dt>
            <dd>{when.format(new Date(data.createdAt))}</dd>
            <dt>{t('mail.template')}</dt>
            <dd>
              <code>{data.template}</code>
            </dd>
            <dt>{t('mail.language')}</dt>
            <dd>{languageName(i18n.language, data.locale)}</dd>
            <dt>{t('mail.statusLabel')}</dt>
            <dd>{mailStatusText(data.status, t)}</dd>
            {data.error && (
              <>
                <dt>{t('mail.error')}</dt>
                <dd>{data.error}</dd>
              </>
            )}
          </dl>
          <MailBody message={data} />
        </>
      )}
      <p>
        <button type="button" className="secondary" onClick={onClose}>
          {t('mail.close')}
        </button>
      </p>
    </section>
  );
}
