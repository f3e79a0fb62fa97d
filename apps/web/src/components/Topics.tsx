import { useTranslation } from 'react-i18next';
import { isTopic } from '@ctlp/contracts';
import { FieldErrorMessage } from './Field';
import { topicLabel, topicsByLabel } from './topics';

/** A course's or an activity's topics as small labelled chips; nothing when it has none. */
export function TopicChips({ topics }: { topics: readonly string[] }) {
  const { t } = useTranslation();
  if (topics.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('common.topics')}>
      {topics.map((topic) => (
        <li key={topic} className="chip">
          {topicLabel(t, topic)}
        </li>
      ))}
    </ul>
  );
}

/** One topic to filter by, or all: a select of translated labels (inside a Field, which labels it). */
export function TopicSelect({ value, onChange, ...rest }: { value: string; onChange: (topic: string) => void; name?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <select {...rest} value={isTopic(value) ? value : ''} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('common.all')}</option>
      {topicsByLabel(t, i18n.language).map(({ topic, label }) => (
        <option key={topic} value={topic}>
          {label}
        </option>
      ))}
    </select>
  );
}

/**
 * The topics of a course or an activity, ticked from the vocabulary. A slug kept from before the
 * vocabulary shows ticked, under its humanised name, with a word that the API no longer takes it:
 * it is never dropped without the person seeing it.
 */
export function TopicCheckboxes({
  legend,
  name = 'topics',
  value,
  onChange,
}: {
  legend: string;
  name?: string;
  value: readonly string[];
  onChange: (topics: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const retired = value.filter((topic) => !isTopic(topic));
  const toggle = (topic: string) => onChange(value.includes(topic) ? value.filter((chosen) => chosen !== topic) : [...value, topic]);
  const box = (topic: string, label: string) => (
    <label key={topic} className="checkbox">
      <input type="checkbox" checked={value.includes(topic)} onChange={() => toggle(topic)} /> {label}
    </label>
  );
  return (
    <fieldset className="topic-choices">
      <legend>{legend}</legend>
      <FieldErrorMessage name={name} />
      <div className="topic-grid">{topicsByLabel(t, i18n.language).map(({ topic, label }) => box(topic, label))}</div>
      {retired.length > 0 && (
        <>
          <p className="field-hint">{t('common.topicsRetired')}</p>
          {retired.map((topic) => box(topic, topicLabel(t, topic)))}
        </>
      )}
    </fieldset>
  );
}
