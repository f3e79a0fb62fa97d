import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '@ctlp/contracts';
import { useMemberStates } from '../../api/member-states/use-member-states';
import { Field } from '../../components/Field';
import { FILTER_NAMES, type ActivityFilterDraft } from './activity-filters';

interface ActivityFiltersFormProps {
  /** The filters the address holds; the form starts from them again whenever they change. */
  initial: ActivityFilterDraft;
  onApply: (filters: ActivityFilterDraft) => void;
}

const same = (a: ActivityFilterDraft, b: ActivityFilterDraft) => FILTER_NAMES.every((name) => a[name] === b[name]);

/** Period, kind, Member State and status of the activities listed. */
export function ActivityFiltersForm({ initial, onApply }: ActivityFiltersFormProps) {
  const { t } = useTranslation('activities');
  const { data: states } = useMemberStates();
  const [draft, setDraft] = useState(initial);
  // Back and forward change the address: the form shows what it now says.
  const [shown, setShown] = useState(initial);
  if (!same(shown, initial)) {
    setShown(initial);
    setDraft(initial);
  }
  const set = (key: keyof ActivityFilterDraft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  function apply(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="filters" onSubmit={apply} noValidate>
      <Field label={t('list.from')}>
        <input type="date" value={draft.from} onChange={set('from')} />
      </Field>
      <Field label={t('list.to')}>
        <input type="date" value={draft.to} onChange={set('to')} />
      </Field>
      <Field label={t('activityFields.kind')}>
        <select value={draft.kind} onChange={set('kind')}>
          <option value="">{t('common.all')}</option>
          {ACTIVITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`activityKinds.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('list.memberState')}>
        <select value={draft.memberState} onChange={set('memberState')}>
          <option value="">{t('common.all')}</option>
          {states?.map((state) => (
            <option key={state.code} value={state.code}>
              {state.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('list.status')}>
        <select value={draft.status} onChange={set('status')}>
          <option value="">{t('common.all')}</option>
          {ACTIVITY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`activityStatuses.${status}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">{t('list.apply')}</button>
    </form>
  );
}
