import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/client';
import { useDecideRegistration } from '../../api/registrations/use-decide-registration';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';

/** Rejecting a registration with the reason the applicant will read. */
export function RejectForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideRegistration();
  const [reason, setReason] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    // The row (and this form) leave the list with the decision: onDone must run all the same.
    decide.mutateAsync({ userId: user.id, kind: 'reject', reason }).then(onDone, () => undefined);
  }
  return (
    <Form error={decide.error} onSubmit={submit} className="inline-form">
      <FormError />
      <Field label={t('vetting.reason', { name: user.fullName })} name="reason" hint={t('vetting.reasonHint')}>
        <textarea required rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={decide.isPending}>
        {t('vetting.confirmReject')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </Form>
  );
}
