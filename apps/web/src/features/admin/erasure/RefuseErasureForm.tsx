import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideErasure } from '../../../api/personal-data/use-erasure-requests';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';

/** Refusing an erasure request with the reason the person will read. */
export function RefuseErasureForm({ id, name, onDone, onCancel }: { id: string; name: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const decide = useDecideErasure();
  const [reason, setReason] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    // The row (and this form) leave the list with the decision.
    decide.mutateAsync({ id, kind: 'refuse', reason }).then(onDone, () => undefined);
  }
  return (
    <Form error={decide.error} onSubmit={submit} className="inline-form">
      <FormError />
      <Field label={t('erasure.reason', { name })} name="reason" hint={t('erasure.reasonHint')}>
        <textarea required rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={decide.isPending}>
        {t('erasure.confirmRefuse')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('erasure.cancel')}
      </button>
    </Form>
  );
}
