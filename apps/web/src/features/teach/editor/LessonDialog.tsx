import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../../../components/Feedback';
import { AddLessonForm } from './AddLessonForm';
import { LessonEditor } from './LessonEditor';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** What the lesson dialog is open for: a new lesson in a module, or an existing lesson. */
export type LessonDialogTarget = { mode: 'add'; moduleId: string; moduleTitle: string } | { mode: 'edit'; lessonId: string; title: string };

/**
 * The lesson dialog: the native modal <dialog> (the page behind is inert and Tab wraps round, so the
 * focus stays inside; Escape closes it), which gives the focus back to what opened it. Closing the edit form first
 * saves what is left. A new document lesson stays open in the editor, where its file is attached.
 */
export function LessonDialog({ target, onClose }: { target: LessonDialogTarget; onClose: () => void }) {
  const { t } = useTranslation('courses');
  const toast = useToast();
  const dialog = useRef<HTMLDialogElement>(null);
  const [current, setCurrent] = useState(target);
  const beforeClose = useRef<() => Promise<boolean>>(async () => true);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      // The opener may have moved (a renamed row re-renders in place); it is still the same element.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  async function close() {
    if (await beforeClose.current()) onClose();
  }

  const heading =
    current.mode === 'add' ? t('editor.addLessonTo', { module: current.moduleTitle }) : t('lessonEditor.heading', { title: current.title });
  return (
    <dialog
      ref={dialog}
      className="lesson-dialog"
      aria-labelledby="lesson-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        void close();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Tab' || !dialog.current) return;
        // Tab from the last control comes back to the first (and Shift+Tab the other way), rather
        // than leaving for the browser's own toolbar.
        const controls = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (element) => element.getClientRects().length > 0,
        );
        const first = controls[0];
        const last = controls[controls.length - 1];
        if (!first || !last) return;
        if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        } else if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        }
      }}
    >
      <div className="lesson-dialog-head">
        <h2 id="lesson-dialog-title">{heading}</h2>
        <button type="button" className="secondary" onClick={() => void close()}>
          {t('lessonEditor.close')}
        </button>
      </div>
      {current.mode === 'add' ? (
        <AddLessonForm
          moduleId={current.moduleId}
          onCancel={onClose}
          onAdded={(lesson) => {
            toast({ message: t('editor.lessonAdded', { title: lesson.title }), tone: 'success' });
            // A document's file and a video's own files are uploaded to the lesson once it exists.
            if (lesson.kind === 'resource' || (lesson.kind === 'video' && !lesson.videoUrl))
              setCurrent({ mode: 'edit', lessonId: lesson.id, title: lesson.title });
            else onClose();
          }}
        />
      ) : (
        <LessonEditor lessonId={current.lessonId} closeRef={beforeClose} />
      )}
    </dialog>
  );
}
