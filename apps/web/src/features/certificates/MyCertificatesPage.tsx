import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyCertificates } from '../../api/use-certificates';
import { FormError } from '../../components/FormError';

function CopyLink({ url }: { url: string }) {
  const { t } = useTranslation('courses');
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('certificates.copyLink')}
      </button>
      <span role="status" className="muted">
        {copied ? t('certificates.copied') : ''}
      </span>
    </>
  );
}

/** The official's certificates: the PDF, and the link anyone can use to check it. */
export function MyCertificatesPage() {
  const { t, i18n } = useTranslation('courses');
  const { data, isPending, error } = useMyCertificates();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  if (isPending) return <p role="status">{t('common.loading')}</p>;
  return (
    <section>
      <h1>{t('certificates.title')}</h1>
      <FormError error={error} />
      {data?.items.length === 0 && <p>{t('certificates.empty')}</p>}
      <ul className="cards">
        {data?.items.map((certificate) => (
          <li key={certificate.id} className="card">
            <h2>{certificate.courseTitle}</h2>
            <p>
              <strong>{t(`certificateStatuses.${certificate.status}`)}</strong> · {t('certificates.serial', { serial: certificate.serial })}
            </p>
            <p className="muted">
              {t('certificates.issuedOn', { date: date.format(new Date(certificate.issuedAt)) })}
              {certificate.expiresAt && <> · {t('certificates.validUntil', { date: date.format(new Date(certificate.expiresAt)) })}</>}
            </p>
            {certificate.revokedAt && (
              <p className="notice">{t('certificates.revokedOn', { date: date.format(new Date(certificate.revokedAt)) })}</p>
            )}
            <p className="actions">
              <a className="button" href={`/api/certificates/${certificate.id}/pdf`} download>
                {t('certificates.download')}
              </a>
              <a href={certificate.verificationUrl}>{t('certificates.verificationPage')}</a>
            </p>
            <p>
              <CopyLink url={certificate.verificationUrl} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
