import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { useMyCertificates } from '../../api/certificates/use-my-certificates';
import { AsyncCards } from '../../components/Async';
import { usePageTitle } from '../../components/use-page-title';
import { dateFormat } from '../../intl';

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

function CertificateCard({ certificate }: { certificate: Schemas['CertificateDto'] }) {
  const { t, i18n } = useTranslation('courses');
  const date = dateFormat(i18n.language, { dateStyle: 'long' });
  return (
    <>
      <h2>
        <bdi>{certificate.courseTitle}</bdi>
      </h2>
      <p>
        <strong>{t(`certificateStatuses.${certificate.status}`)}</strong> ·{' '}
        {/* Left to right and on one line in every language: "CTLP-2026-000002" never splits at its dashes. */}
        <Trans
          t={t}
          i18nKey="certificates.serial"
          values={{ serial: certificate.serial }}
          components={{ serial: <bdi dir="ltr" className="serial" /> }}
        />
      </p>
      <p className="muted">
        {t('certificates.issuedOn', { date: date.format(new Date(certificate.issuedAt)) })}
        {certificate.expiresAt && <> · {t('certificates.validUntil', { date: date.format(new Date(certificate.expiresAt)) })}</>}
      </p>
      {certificate.revokedAt && (
        <p className="notice danger">{t('certificates.revokedOn', { date: date.format(new Date(certificate.revokedAt)) })}</p>
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
    </>
  );
}

/** The official's certificates: the PDF, and the link anyone can use to check it. */
export function MyCertificatesPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('certificates.title'));
  const certificates = useMyCertificates();
  return (
    <section>
      <h1>{t('certificates.title')}</h1>
      <AsyncCards
        query={certificates}
        empty={t('certificates.empty')}
        itemKey={(certificate) => certificate.id}
        card={(certificate) => <CertificateCard certificate={certificate} />}
      />
    </section>
  );
}
