import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { useConfirm } from '../../../components/Feedback';
import type { SaveState } from './use-autosave';

/**
 * Where an autosaved form says how its changes stand. The region is always there (empty while
 * all is saved and nothing has happened) so each change of state is announced once.
 */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useTranslation('courses');
  return (
    <p className={`save-status save-${state}`}>
      <span role="status" aria-live="polite">
        {state === 'saving'
          ? t('autosave.saving')
          : state === 'failed'
            ? t('autosave.failed')
            : state === 'pending'
              ? t('autosave.pending')
              : t('autosave.saved')}
      </span>
      {state === 'failed' && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('autosave.retry')}
        </button>
      )}
    </p>
  );
}

const UnsavedContext = createContext<(key: string, unsaved: boolean) => void>(() => undefined);

/** Tells the editor page that a part of it holds changes not saved yet, so leaving asks first. */
export function useReportUnsaved(key: string, unsaved: boolean) {
  const report = useContext(UnsavedContext);
  useEffect(() => {
    report(key, unsaved);
    return () => report(key, false);
  }, [key, unsaved, report]);
}

/**
 * One guard for the whole editor (React Router allows one blocker at a time): leaving for another
 * page asks first while any part has unsaved changes, and closing or reloading the tab warns.
 */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation('courses');
  const confirm = useConfirm();
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(new Set());
  const report = useCallback(
    (key: string, on: boolean) =>
      setUnsaved((keys) => {
        if (keys.has(key) === on) return keys;
        const next = new Set(keys);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      }),
    [],
  );
  const dirty = unsaved.size > 0;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void confirm({ title: t('autosave.leaveTitle'), body: t('autosave.leaveBody'), confirmLabel: t('autosave.leave'), danger: true }).then(
      (leave) => (leave ? blocker.proceed() : blocker.reset()),
    );
  }, [blocker, confirm, t]);

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return <UnsavedContext.Provider value={report}>{children}</UnsavedContext.Provider>;
}
