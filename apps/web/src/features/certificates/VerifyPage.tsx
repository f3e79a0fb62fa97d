import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useVerification } from '../../api/certificates/use-verification';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { Loading } from '../../components/Loading';
import { dateFormat, numberFormat } from '../../intl';

/** What the QR code opens: anyone sees whether the certificate is valid, and nothing more. */
export function VerifyPage() {
  const { t, i18n } = useTranslation('courses');
  usePageTitle(t('verify.title'));
  const { code = '' } = useParams();
  const { data, error, isPending } = useVerification(code);
  const date = dateFormat(i18n.language, { dateStyle: 'long' });
  if (isPending) return <Loading />;
  if (error instanceof ApiError && error.status === 404) {
    return (
      <section className="narrow">
        <h1>{t('verify.title')}</h1>
        <p className="notice danger" role="alert">
          {t('verify.unknown')}
        </p>
      </section>
    );
  }
  if (!data) {
    return (
      <section className="narrow">
        <h1>{t('verify.title')}</h1>
        <FormError error={error} />
      </section>
    );
  }
  // Superseded is no fault of the holder: the newer certificate is shown below.
  const statusClass = data.status === 'valid' ? 'notice success' : data.status === 'superseded' ? 'notice' : 'form-error';
  return (
    <section className="narrow">
      <h1>{t('verify.title')}</h1>
      <p className={statusClass} role="status">
        <strong>{t(`verifyStatuses.${data.status}`)}</strong>
        {data.revokedAt && <> — {t('certificates.revokedOn', { date: date.format(new Date(data.revokedAt)) })}</>}
      </p>
      <dl className="facts">
        <dt>{t('verify.holder')}</dt>
        <dd>{data.holderName === null ? <em>{t('verify.holderWithheld')}</em> : <bdi>{data.holderName}</bdi>}</dd>
        <dt>{data.kind === 'path' ? t('paths.kind') : t('verify.course')}</dt>
        <dd>
          <bdi>{data.courseTitle}</bdi>
        </dd>
        {data.kind === 'path' && (
          <>
            <dt>{t('paths.hours')}</dt>
            <dd>{numberFormat(i18n.language).format(data.hours)}</dd>
          </>
        )}
        <dt>{t('verify.issued')}</dt>
        <dd>{date.format(new Date(data.issuedAt))}</dd>
        {data.expiresAt && (
          <>
            <dt>{t('verify.expires')}</dt>
            <dd>{date.format(new Date(data.expiresAt))}</dd>
          </>
        )}
      </dl>
      {data.current && (
        <section aria-labelledby="current-certificate">
          <h2 id="current-certificate">{t('verify.current')}</h2>
          <dl className="facts">
            <dt>{t('verify.serial')}</dt>
            <dd>
              <bdi dir="ltr" className="serial">
                {data.current.serial}
              </bdi>
            </dd>
            <dt>{t('verify.status')}</dt>
            <dd>{t(`certificateStatuses.${data.current.status}`)}</dd>
            <dt>{t('verify.issued')}</dt>
            <dd>{date.format(new Date(data.current.issuedAt))}</dd>
            {data.current.expiresAt && (
              <>
                <dt>{t('verify.expires')}</dt>
                <dd>{date.format(new Date(data.current.expiresAt))}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </section>
  );
}
