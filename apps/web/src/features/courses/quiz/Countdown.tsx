import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormat } from '../../../intl';
import { formatCountdown, passedMilestone } from './quiz-answers';

/**
 * The time left of a timed attempt, on screen every second but said aloud only at five minutes
 * and at one (a live region ticking each second would drown everything else). `onExpire` runs
 * once, when the deadline passes.
 */
export function Countdown({ deadline, onExpire }: { deadline: string; onExpire: () => void }) {
  const { t, i18n } = useTranslation('courses');
  const end = new Date(deadline).getTime();
  const [now, setNow] = useState(() => Date.now());
  const [announced, setAnnounced] = useState('');
  const expire = useRef(onExpire);
  // The time left at the last tick; none before the first (opening the page at 4:30 announces nothing).
  const last = useRef<number | null>(null);
  const fired = useRef(false);

  useEffect(() => {
    expire.current = onExpire;
  });

  useEffect(() => {
    const timer = setInterval(() => {
      const current = Date.now();
      const left = end - current;
      setNow(current);
      const milestone = last.current === null ? null : passedMilestone(last.current, left);
      last.current = left;
      if (milestone) setAnnounced(t('quiz.minutesLeft', { minutes: numberFormat(i18n.language).format(milestone) }));
      if (left <= 0 && !fired.current) {
        fired.current = true;
        expire.current();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [end, t, i18n.language]);

  const left = end - now;
  return (
    <div className={left <= 60_000 ? 'countdown countdown-urgent' : 'countdown'}>
      <p>
        {t('quiz.timeLeft')} <time dir="ltr">{formatCountdown(left, i18n.language)}</time>
      </p>
      <p className="visually-hidden" role="status">
        {announced}
      </p>
    </div>
  );
}
