import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a confirmation asks: its question, what follows, and the words of the button that does it. */
export interface ConfirmRequest {
  title: string;
  body?: ReactNode;
  /** The verb of the action ("Approve", "Delete the lesson"), never "OK". */
  confirmLabel: string;
  /** Destructive or hard to undo: the button is red. */
  danger?: boolean;
}

/** A short message about what just happened, with at most one action (usually Undo). */
export interface Toast {
  message: string;
  tone?: 'success' | 'error' | 'info';
  action?: { label: string; run: () => void };
}

interface Feedback {
  confirm: (request: ConfirmRequest) => Promise<boolean>;
  toast: (toast: Toast) => void;
}

const FeedbackContext = createContext<Feedback | null>(null);

/** Asks before a consequential action, in a modal dialog: resolves true when confirmed. */
export function useConfirm(): Feedback['confirm'] {
  return useFeedback().confirm;
}

/** Tells what just happened in the corner of the screen (and to screen readers), with an optional Undo. */
export function useToast(): Feedback['toast'] {
  return useFeedback().toast;
}

function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (!feedback) throw new Error('FeedbackProvider is missing above this component');
  return feedback;
}

/** How long a toast stays: long enough to read and reach Undo; paused while pointed at or focused. */
const TOAST_MS = 6_000;
const TOAST_WITH_ACTION_MS = 10_000;

interface ShownToast extends Toast {
  id: number;
}

/**
 * The one confirmation dialog and the one toast region of the app. The dialog is the native
 * modal <dialog> (focus kept inside, Escape cancels, the rest of the page inert); focus goes back
 * to what had it. Toasts sit in a status region that exists before any message, so each is
 * announced once.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [request, setRequest] = useState<(ConfirmRequest & { resolve: (yes: boolean) => void }) | null>(null);
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(1);
  const returnFocus = useRef<HTMLElement | null>(null);

  const confirm = useCallback(
    (next: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setRequest({ ...next, resolve });
      }),
    [],
  );

  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!request || !dialog.current) return;
    if (!dialog.current.open) dialog.current.showModal();
    // Enter does what the button says, unless it destroys something: then Cancel has the focus.
    (request.danger ? cancelButton : confirmButton).current?.focus();
  }, [request]);

  function settle(yes: boolean) {
    request?.resolve(yes);
    setRequest(null);
    dialog.current?.close();
    returnFocus.current?.focus();
  }

  const dismiss = useCallback((id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id)), []);
  const toast = useCallback((next: Toast) => {
    const id = nextId.current++;
    // One at a time: a newer message replaces the older rather than stacking up the screen.
    setToasts([{ ...next, id }]);
  }, []);

  return (
    <FeedbackContext.Provider value={{ confirm, toast }}>
      {children}
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="confirm-dialog-title"
        onCancel={(event) => {
          event.preventDefault();
          settle(false);
        }}
      >
        {request && (
          <form
            method="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              settle(true);
            }}
          >
            <h2 id="confirm-dialog-title">{request.title}</h2>
            {request.body && <div className="confirm-dialog-body">{request.body}</div>}
            <p className="dialog-actions">
              <button ref={cancelButton} type="button" className="secondary" onClick={() => settle(false)}>
                {t('common.cancel')}
              </button>
              <button ref={confirmButton} type="submit" className={request.danger ? 'danger' : undefined}>
                {request.confirmLabel}
              </button>
            </p>
          </form>
        )}
      </dialog>
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((shown) => (
          <ToastItem key={shown.id} toast={shown} onDismiss={() => dismiss(shown.id)} />
        ))}
      </div>
    </FeedbackContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: ShownToast; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(onDismiss, toast.action ? TOAST_WITH_ACTION_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.action, onDismiss]);
  return (
    <div
      className={`toast ${toast.tone ?? 'success'}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <p>{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action!.run();
            onDismiss();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" onClick={onDismiss} aria-label={t('common.dismiss')}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
