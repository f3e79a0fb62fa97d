import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCheckIn } from '../../../api/activities/use-check-in';
import { useMe } from '../../../api/me/use-me';
import { FormError } from '../../../components/FormError';
import { usePageTitle } from '../../../components/use-page-title';
import { useDayName } from '../parts';
import { checkInProblem } from './check-in-problem';

/** Signing in or registering first; either brings the person back here with the code. */
function SignInFirst() {
  const { t } = useTranslation('activities');
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <>
      <p className="lead">{t('checkIn.signInFirst')}</p>
      <p className="actions">
        <Link className="button" to={`/login?next=${next}`}>
          {t('checkIn.signIn')}
        </Link>
        <Link to={`/register?next=${next}`}>{t('checkIn.register')}</Link>
      </p>
    </>
  );
}

/** Sends the code once as the page opens (opening the link is the request), then says what happened. */
function CheckingIn({ code }: { code: string }) {
  const { t } = useTranslation('activities');
  const checkIn = useCheckIn();
  const dayName = useDayName('long');
  const { data: user } = useMe();
  const sent = useRef<string>(undefined);
  const { mutate } = checkIn;
  useEffect(() => {
    if (sent.current === code) return;
    sent.current = code;
    mutate(code);
  }, [code, mutate]);

  if (checkIn.isSuccess) {
    return (
      <>
        <p className="notice success" role="status">
          {t('checkIn.done', { title: checkIn.data.activity.title, day: dayName(checkIn.data.day) })}
        </p>
        {user?.status === 'pending' && <p>{t('checkIn.pending')}</p>}
      </>
    );
  }
  if (checkIn.isError) {
    const problem = checkInProblem(checkIn.error);
    if (!problem) return <FormError error={checkIn.error} />;
    return (
      <div role="alert" className="form-error">
        {problem === 'expired' ? t('checkIn.expired') : t('checkIn.invalid')}
      </div>
    );
  }
  return <p role="status">{t('checkIn.checking')}</p>;
}

/**
 * Where a participant's phone lands after scanning the organiser's code (`/check-in?code=…`):
 * signed in, they are marked present for today at once; signed out, they sign in or register first.
 */
export function CheckInPage() {
  const { t } = useTranslation('activities');
  usePageTitle(t('checkIn.title'));
  const code = useSearchParams()[0].get('code')?.trim() ?? '';
  const { data: user, isPending } = useMe();
  return (
    <section className="narrow">
      <h1>{t('checkIn.title')}</h1>
      {!code ? (
        <p>{t('checkIn.noCode')}</p>
      ) : isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : user ? (
        <CheckingIn code={code} />
      ) : (
        <SignInFirst />
      )}
    </section>
  );
}
