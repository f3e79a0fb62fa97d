import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { useQuestionBank } from '../../../api/learning/use-question-bank';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import type { QuestionDraft } from './QuestionEditor';

/** A question of the bank as a new question of this quiz: its words and answers, none of its ids. */
export function copyOfQuestion(question: Schemas['QuizQuestionDto']): QuestionDraft {
  return {
    type: question.type,
    prompt: question.prompt,
    topic: question.topic,
    ...(question.explanation ? { explanation: question.explanation } : {}),
    ...(question.numeric ? { numeric: { answer: question.numeric.answer, tolerance: question.numeric.tolerance } } : {}),
    options: question.options.map((option) => ({
      text: option.text,
      ...(question.type === 'ordering' || question.type === 'matching' ? {} : { correct: Boolean(option.correct) }),
      ...(option.match !== undefined ? { match: option.match } : {}),
      ...(option.feedback ? { feedback: option.feedback } : {}),
    })),
  };
}

/**
 * "Add from the course's bank": every question of the course's quizzes, filtered by topic, to tick
 * and copy into this quiz (copies: editing one later leaves the other quiz alone).
 */
export function BankDialog({
  courseId,
  onAdd,
  onClose,
}: {
  courseId: string;
  onAdd: (questions: QuestionDraft[]) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('courses');
  const dialog = useRef<HTMLDialogElement>(null);
  const [topic, setTopic] = useState('');
  const [chosen, setChosen] = useState<ReadonlyMap<string, Schemas['QuizQuestionDto']>>(new Map());
  const bank = useQuestionBank(courseId, topic);
  // The topics stay those of the whole bank, whatever the filter.
  const all = useQuestionBank(courseId);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const toggle = (question: Schemas['QuizQuestionDto'], on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(question.id, question);
    else next.delete(question.id);
    setChosen(next);
  };

  return (
    <dialog
      ref={dialog}
      className="lesson-dialog bank-dialog"
      aria-labelledby="bank-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="lesson-dialog-head">
        <h2 id="bank-dialog-title">{t('quizBuilder.bankTitle')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('lessonEditor.close')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="bank-topic">{t('quizBuilder.bankTopic')}</label>
        <select id="bank-topic" value={topic} onChange={(event) => setTopic(event.target.value)}>
          <option value="">{t('quizBuilder.allTopics')}</option>
          {(all.data?.topics ?? []).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <FormError error={bank.error} />
      {bank.isPending ? (
        <Loading />
      ) : bank.data && bank.data.items.length === 0 ? (
        <p className="muted">{t('quizBuilder.bankEmpty')}</p>
      ) : (
        <ul className="bank-list">
          {bank.data?.items.map(({ lessonTitle, question }) => (
            <li key={question.id}>
              <label className="checkbox">
                <input type="checkbox" checked={chosen.has(question.id)} onChange={(event) => toggle(question, event.target.checked)} />{' '}
                {question.prompt}
              </label>{' '}
              <span className="muted">
                {t(`questionTypes.${question.type}`)} · {question.topic ?? t('quizBuilder.noTopic')} · {lessonTitle}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="dialog-actions">
        <button type="button" disabled={chosen.size === 0} onClick={() => onAdd([...chosen.values()].map(copyOfQuestion))}>
          {t('quizBuilder.addChosen', { number: chosen.size })}
        </button>
      </p>
    </dialog>
  );
}
