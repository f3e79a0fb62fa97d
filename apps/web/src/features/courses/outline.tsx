import { useSyncExternalStore, type ReactNode } from 'react';
import { contentLang } from './parts';

/** The width up to which the outline folds away: the same breakpoint as the rest of the phone layout. */
const PHONE = '(max-width: 40rem)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True on a phone-wide window; follows the window as it is resized or turned. */
export function usePhoneWidth(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
}

/**
 * A course's modules and lessons as a native disclosure: folded on a phone, where it would push
 * the lesson a screen or more down, and open on a desk, where its summary is hidden (styles.css).
 * `open` is set from the width only, so what the reader opens or closes stays as they left it
 * until the window crosses the breakpoint.
 */
export function OutlineDisclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const phone = usePhoneWidth();
  return (
    <details className="outline-disclosure" open={!phone}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** One module of an outline, folded on a phone unless it is the one the reader is in. */
export function ModuleDisclosure({
  title,
  language,
  current,
  note,
  children,
}: {
  title: string;
  language: string;
  current: boolean;
  note?: ReactNode;
  children: ReactNode;
}) {
  const phone = usePhoneWidth();
  return (
    <details className="module-disclosure" open={!phone || current}>
      <summary>
        <span className="module-title" {...contentLang(language)}>
          {title}
        </span>
        {note && <span className="muted"> {note}</span>}
      </summary>
      {children}
    </details>
  );
}
