import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { AUDIT_FILTER_KEYS, type AuditFilters } from './audit-filters';

const sameFilters = (a: AuditFilters, b: AuditFilters) => AUDIT_FILTER_KEYS.every((key) => a[key] === b[key]);

/** Who, what, on what and when: the audit trail's filters, applied to the address. */
export function AuditFiltersForm({ initial, onApply }: { initial: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState(initial);
  // Back, forward or a link change the address: the form shows what it now says.
  const [shown, setShown] = useState(initial);
  if (!sameFilters(shown, initial)) {
    setShown(initial);
    setDraft(initial);
  }
  const set = (key: keyof AuditFilters) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  function apply(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form role="search" className="filters" onSubmit={apply} noValidate>
      <Field label={t('audit.actor')} name="actor" hint={t('audit.actorHint')}>
        <input type="text" inputMode="email" autoComplete="off" dir="ltr" value={draft.actor} onChange={set('actor')} />
      </Field>
      <Field label={t('audit.action')} name="action" hint={t('audit.actionHint')}>
        <input type="text" autoComplete="off" dir="ltr" value={draft.action} onChange={set('action')} />
      </Field>
      <Field label={t('audit.subjectType')} name="subjectType">
        <input type="text" autoComplete="off" dir="ltr" value={draft.subjectType} onChange={set('subjectType')} />
      </Field>
      <Field label={t('audit.subjectId')} name="subjectId">
        <input type="text" autoComplete="off" dir="ltr" value={draft.subjectId} onChange={set('subjectId')} />
      </Field>
      <Field label={t('audit.from')} name="from">
        <input type="date" value={draft.from} onChange={set('from')} />
      </Field>
      <Field label={t('audit.to')} name="to">
        <input type="date" value={draft.to} onChange={set('to')} />
      </Field>
      <button type="submit">{t('audit.apply')}</button>
    </form>
  );
}
