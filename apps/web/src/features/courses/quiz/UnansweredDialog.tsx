import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormat } from '../../../intl';

export interface Unanswered {
  id: string;
  number: number;
  prompt: string;
}

/**
 * Asked before an attempt with questions left out is sent: which ones, and two ways on. "Go back"
 * has the focus, so Enter or Escape never spends an attempt; it takes the learner to the first
 * question left out.
 */
export function UnansweredDialog({
  questions,
  preview,
  onGoBack,
  onSubmit,
}: {
  questions: Unanswered[];
  preview: boolean;
  onGoBack: () => void;
  onSubmit: () => void;
}) {
  const { t, i18n } = useTranslation('courses');
  const dialog = useRef<HTMLDialogElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const number = numberFormat(i18n.language);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    back.current?.focus();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="unanswered-title"
      aria-describedby="unanswered-body"
      onCancel={(event) => {
        event.preventDefault();
        onGoBack();
      }}
    >
      <h2 id="unanswered-title">{t('quiz.confirmUnanswered', { left: number.format(questions.length) })}</h2>
      <p id="unanswered-body">{preview ? t('preview.confirmUnansweredBody') : t('quiz.confirmUnansweredBody')}</p>
      <ul className="unanswered-list">
        {questions.map((question) => (
          <li key={question.id}>
            {t('quiz.questionShort', { number: number.format(question.number) })} {question.prompt}
          </li>
        ))}
      </ul>
      <p className="dialog-actions">
        <button ref={back} type="button" onClick={onGoBack}>
          {t('quiz.goBack')}
        </button>
        <button type="button" className="secondary" onClick={onSubmit}>
          {t('quiz.submitAnyway')}
        </button>
      </p>
    </dialog>
  );
}
