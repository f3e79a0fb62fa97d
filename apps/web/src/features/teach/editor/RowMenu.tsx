import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm, useToast } from '../../../components/Feedback';

/**
 * A row's less frequent actions behind one small button (the disclosure pattern: a button that
 * says whether its list is expanded, and the list of buttons after it). Escape closes it and gives
 * the focus back to its button, as choosing an action does; a click elsewhere closes it.
 */
export function RowMenu({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const toggleId = `${id}-toggle`;
  const close = () => {
    setOpen(false);
    document.getElementById(toggleId)?.focus();
  };

  useEffect(() => {
    if (!open) return undefined;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !root.current?.contains(document.activeElement)) return;
      event.stopPropagation();
      setOpen(false);
      document.getElementById(toggleId)?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open, toggleId]);

  return (
    <div ref={root} className="row-menu">
      <button
        id={toggleId}
        type="button"
        className="row-menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
        <span className="visually-hidden">{label}</span>
      </button>
      <div id={id} className="row-menu-items" hidden={!open}>
        {open && children(close)}
      </div>
    </div>
  );
}

/**
 * The menu's Delete: closes the menu, asks (red button), deletes, and says so in a toast. `remove`
 * starts the deletion and calls `onDone` once it succeeded.
 */
export function DeleteMenuItem({
  close,
  question,
  done,
  remove,
}: {
  close: () => void;
  question: string;
  done: string;
  remove: (onDone: () => void) => void;
}) {
  const { t } = useTranslation('courses');
  const confirm = useConfirm();
  const toast = useToast();
  return (
    <button
      type="button"
      className="danger"
      onClick={async () => {
        close();
        if (await confirm({ title: question, confirmLabel: t('editor.delete'), danger: true }))
          remove(() => toast({ message: done, tone: 'success' }));
      }}
    >
      {t('editor.delete')}
    </button>
  );
}
