import { useState, type FormEvent } from 'react';
import { Field } from './Field';
import { Form } from './Form';
import { FormError } from './FormError';

interface ReasonFormProps {
  /** The decision's error, shown above the field. */
  error: unknown;
  pending: boolean;
  label: string;
  hint: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** A refusal with the reason the person concerned will read: a registration rejected, an erasure refused. */
export function ReasonForm({ error, pending, label, hint, confirmLabel, cancelLabel, onConfirm, onCancel }: ReasonFormProps) {
  const [reason, setReason] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onConfirm(reason);
  }
  return (
    <Form error={error} onSubmit={submit} className="inline-form">
      <FormError />
      <Field label={label} name="reason" hint={hint}>
        <textarea required rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={pending}>
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
    </Form>
  );
}
