import { useTranslation } from 'react-i18next';
import { Field, FieldErrorMessage } from '../../../components/Field';
import type { QuizDraft } from './QuestionEditor';

const whole = (text: string) => (text === '' ? null : Number(text));

/** How many questions per topic, for each topic the questions have (empty: none from it). */
function DrawByTopic({ quiz, topics, onChange }: { quiz: QuizDraft; topics: string[]; onChange: (quiz: QuizDraft) => void }) {
  const { t } = useTranslation('courses');
  const counts = new Map((quiz.drawByTopic ?? []).map((d) => [d.topic, d.count]));
  const set = (topic: string, count: number | null) => {
    const next = topics.flatMap((name) => {
      const value = name === topic ? count : (counts.get(name) ?? null);
      return value === null ? [] : [{ topic: name, count: value }];
    });
    onChange({ ...quiz, drawByTopic: next });
  };
  return (
    <fieldset className="draw-by-topic">
      <legend>{t('quizBuilder.perTopic')}</legend>
      <FieldErrorMessage name="quiz.drawByTopic" />
      {topics.length === 0 && <p className="muted">{t('quizBuilder.noTopics')}</p>}
      {topics.map((topic) => (
        <Field key={topic} label={t('quizBuilder.fromTopic', { topic })}>
          <input
            type="number"
            min={0}
            max={200}
            value={counts.get(topic) ?? ''}
            onChange={(event) => set(topic, whole(event.target.value) || null)}
          />
        </Field>
      ))}
    </fieldset>
  );
}

/** The quiz as a whole: pass mark, attempts, how many questions each attempt draws, shuffling, time limit. */
export function QuizSettings({ quiz, onChange }: { quiz: QuizDraft; onChange: (quiz: QuizDraft) => void }) {
  const { t } = useTranslation('courses');
  const topics = [...new Set(quiz.questions.map((q) => q.topic?.trim()).filter((topic): topic is string => Boolean(topic)))].sort();
  const byTopic = quiz.drawByTopic !== null && quiz.drawByTopic !== undefined;
  return (
    <>
      <div className="filters">
        <Field label={t('quizBuilder.passMark')} name="quiz.passMark">
          <input
            type="number"
            min={0}
            max={100}
            value={quiz.passMark}
            onChange={(event) => onChange({ ...quiz, passMark: Number(event.target.value) })}
          />
        </Field>
        <Field label={t('quizBuilder.maxAttempts')} name="quiz.maxAttempts" hint={t('quizBuilder.maxAttemptsHint')}>
          <input
            type="number"
            min={1}
            max={100}
            value={quiz.maxAttempts ?? ''}
            onChange={(event) => onChange({ ...quiz, maxAttempts: whole(event.target.value) })}
          />
        </Field>
        <Field label={t('quizBuilder.timeLimit')} name="quiz.timeLimitMinutes" hint={t('quizBuilder.timeLimitHint')}>
          <input
            type="number"
            min={1}
            max={600}
            value={quiz.timeLimitMinutes ?? ''}
            onChange={(event) => onChange({ ...quiz, timeLimitMinutes: whole(event.target.value) })}
          />
        </Field>
      </div>
      <div className="filters">
        <Field
          label={t('quizBuilder.drawCount')}
          name="quiz.drawCount"
          hint={t('quizBuilder.drawCountHint', { pool: quiz.questions.length })}
        >
          <input
            type="number"
            min={1}
            max={quiz.questions.length}
            disabled={byTopic}
            value={quiz.drawCount ?? ''}
            onChange={(event) => onChange({ ...quiz, drawCount: whole(event.target.value) })}
          />
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={byTopic}
            onChange={(event) => onChange({ ...quiz, drawByTopic: event.target.checked ? [] : null })}
          />{' '}
          {t('quizBuilder.drawByTopic')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={Boolean(quiz.shuffle)}
            onChange={(event) => onChange({ ...quiz, shuffle: event.target.checked })}
          />{' '}
          {t('quizBuilder.shuffle')}
        </label>
        <FieldErrorMessage name="quiz.shuffle" />
      </div>
      {byTopic && <DrawByTopic quiz={quiz} topics={topics} onChange={onChange} />}
    </>
  );
}
