import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCheckIn } from '../../../api/activities/use-check-in';
import { useCheckInPass } from '../../../api/activities/use-check-in-pass';
import { useMe } from '../../../api/me/use-me';
import { FormError } from '../../../components/FormError';
import { usePageTitle } from '../../../components/use-page-title';
import { useDayName } from '../parts';
import { checkInPassFor, forgetCheckInPass, keepCheckInPass } from './check-in-pass';
import { checkInProblem } from './check-in-problem';
import { Loading } from '../../../components/Loading';

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

/** Why a code or pass was refused, in words that send the person back to the organiser's screen. */
function Problem({ error }: { error: unknown }) {
  const { t } = useTranslation('activities');
  const problem = checkInProblem(error);
  if (!problem) return <FormError error={error} />;
  return (
    <div role="alert" className="form-error">
      {problem === 'expired' ? t('checkIn.expired') : t('checkIn.invalid')}
    </div>
  );
}

/**
 * Signed out: the code is exchanged at once for a pass kept in this tab, so the check-in after
 * signing in or registering — minutes later, long after the code has changed — still counts. A
 * code already expired or foreign is said now, before the person spends time registering.
 */
function SignedOut({ code }: { code: string }) {
  const getPass = useCheckInPass((scanned, issued) => keepCheckInPass(scanned, issued.pass));
  const asked = useRef<string>(undefined);
  const { mutate } = getPass;
  useEffect(() => {
    if (asked.current === code || checkInPassFor(code)) return;
    asked.current = code;
    mutate(code);
  }, [code, mutate]);
  if (getPass.isError && checkInProblem(getPass.error)) return <Problem error={getPass.error} />;
  return (
    <>
      {/* Anything else (no connection, too many wrong codes): signing in still sends the code. */}
      {getPass.isError && <FormError error={getPass.error} />}
      <SignInFirst />
    </>
  );
}

/**
 * Sends the pass kept for this code, or else the code, once as the page opens (opening the link is
 * the request), then says what happened.
 */
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
    const pass = checkInPassFor(code);
    mutate(pass ? { pass } : { code }, { onSuccess: () => pass && forgetCheckInPass() });
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
  if (checkIn.isError) return <Problem error={checkIn.error} />;
  return <p role="status">{t('checkIn.checking')}</p>;
}

/**
 * Where a participant's phone lands after scanning the organiser's code (`/check-in?code=…`):
 * signed in, they are marked present for the organiser's day at once; signed out, they get a pass
 * for the code and sign in or register first.
 */
export function CheckInPage() {
  const { t } = useTranslation('activities');
  usePageTitle(t('checkIn.title'));
  const code = useSearchParams()[0].get('code')?.trim() ?? '';
  const { data: user, isPending } = useMe();
  return (
    <section className="narrow">
      <h1>{t('checkIn.title')}</h1>
      {!code ? <p>{t('checkIn.noCode')}</p> : isPending ? <Loading /> : user ? <CheckingIn code={code} /> : <SignedOut code={code} />}
    </section>
  );
}
