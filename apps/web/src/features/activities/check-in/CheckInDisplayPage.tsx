import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useActivity } from '../../../api/activities/use-activity';
import { useCheckInCode } from '../../../api/activities/use-check-in-code';
import { ApiError } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { QrCode } from '../../../components/QrCode';
import { usePageTitle } from '../../../components/use-page-title';
import { NotFoundPage } from '../../shell/NotFoundPage';
import { useDayName } from '../parts';
import { Loading } from '../../../components/Loading';

/** The QR code of the moment, with the code as text; a new one replaces it before it expires. */
function CurrentCode({ activityId, title }: { activityId: string; title: string }) {
  const { t } = useTranslation('activities');
  const code = useCheckInCode(activityId);
  const dayName = useDayName('long');
  if (code.isPending) return <Loading />;
  if (!code.data) {
    return (
      <>
        <FormError error={code.error} />
        <button type="button" onClick={() => void code.refetch()}>
          {t('checkInDisplay.retry')}
        </button>
      </>
    );
  }
  return (
    <>
      <QrCode text={code.data.url} label={t('checkInDisplay.qrLabel', { title })} />
      {/* A failed renewal leaves the last code up (it stays good for a while) and says why. */}
      <FormError error={code.error} />
      <p className="check-in-code">
        {t('checkInDisplay.codeIs')} <code data-testid="check-in-code">{code.data.code}</code>
      </p>
      {/* The day comes from this screen's clock: shown so that a wrong clock is noticed before anyone scans. */}
      <p>{t('checkInDisplay.day', { day: dayName(code.data.day) })}</p>
    </>
  );
}

/**
 * What the organiser puts on the room's screen: participants scan the code with their phones and
 * are marked present for today. The code changes every 30 seconds, so a photo of it sent to someone
 * elsewhere soon stops working.
 */
export function CheckInDisplayPage() {
  const { t } = useTranslation('activities');
  const { activityId = '' } = useParams();
  const { data: activity, error, isPending } = useActivity(activityId);
  const screen = useRef<HTMLDivElement>(null);
  usePageTitle(activity ? t('checkInDisplay.title', { title: activity.title }) : undefined);
  if (isPending) return <Loading />;
  if ((error instanceof ApiError && error.status === 404) || (activity && !activity.canManage)) return <NotFoundPage />;
  if (!activity) return <FormError error={error} />;

  return (
    <section>
      <p className="muted">
        <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
      </p>
      <div ref={screen} className="check-in-display">
        <h1>{t('checkInDisplay.title', { title: activity.title })}</h1>
        <p className="lead">{t('checkInDisplay.instructions')}</p>
        <CurrentCode activityId={activity.id} title={activity.title} />
        <p className="muted">{t('checkInDisplay.changes')}</p>
      </div>
      {document.fullscreenEnabled && (
        <p>
          <button type="button" className="secondary" onClick={() => void screen.current?.requestFullscreen()}>
            {t('checkInDisplay.fullScreen')}
          </button>
        </p>
      )}
    </section>
  );
}
