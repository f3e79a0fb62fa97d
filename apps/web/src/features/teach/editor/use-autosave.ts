import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/** How long after the last keystroke a change is saved. */
export const AUTOSAVE_MS = 1_000;

interface Autosave {
  state: SaveState;
  /** The last failure, for the form to place under its fields. */
  error: unknown;
  /** Saves what is not saved yet now; resolves true once everything is saved. */
  flush: () => Promise<boolean>;
}

/**
 * Saves `value` through `save` once it has stopped changing for a second, and never when it equals
 * what was last saved (compared as JSON, so a field typed and then restored saves nothing). One
 * save at a time: a change made while one is on its way is saved after it. `paused` holds changes
 * back (a kind change, which asks first) without forgetting them.
 */
export function useAutosave<T>(value: T, save: (value: T) => Promise<unknown>, { paused = false } = {}): Autosave {
  const serialized = JSON.stringify(value);
  const saved = useRef(serialized);
  const latest = useRef({ value, serialized, save });
  // What the next save sends: always the last render's (a layout effect runs before any timer or click).
  useLayoutEffect(() => {
    latest.current = { value, serialized, save };
  });
  const running = useRef<Promise<boolean> | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>();

  const run = useCallback(async (): Promise<boolean> => {
    // Wait for the save on its way; what it did not carry is saved next.
    while (running.current) await running.current;
    const { value: current, serialized: json, save: write } = latest.current;
    if (json === saved.current) {
      setState('saved');
      return true;
    }
    setState('saving');
    const attempt = write(current).then(
      () => {
        saved.current = json;
        setError(undefined);
        setState(latest.current.serialized === json ? 'saved' : 'pending');
        return true;
      },
      (failure: unknown) => {
        setError(failure);
        setState('failed');
        return false;
      },
    );
    running.current = attempt;
    try {
      return await attempt;
    } finally {
      running.current = null;
    }
  }, []);

  useEffect(() => {
    if (serialized === saved.current) {
      if (!running.current) setState('saved');
      return undefined;
    }
    setState((previous) => (previous === 'failed' ? previous : 'pending'));
    if (paused) return undefined;
    const timer = window.setTimeout(() => void run(), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [serialized, paused, run]);

  const flush = useCallback(async () => {
    const ok = await run();
    return ok && latest.current.serialized === saved.current;
  }, [run]);

  return { state, error, flush };
}
