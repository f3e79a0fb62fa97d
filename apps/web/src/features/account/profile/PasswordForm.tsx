import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';
import { useChangePassword } from '../../../api/me/use-change-password';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';

const EMPTY = { currentPassword: '', newPassword: '', again: '' };

/** A new password, given the current one. This device stays signed in; the API signs the others out. */
export function PasswordForm({ email }: { email: string }) {
  const { t } = useTranslation('account');
  const change = useChangePassword();
  const [draft, setDraft] = useState(EMPTY);
  const [mismatch, setMismatch] = useState<string>();
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => {
    setDraft({ ...draft, [key]: event.target.value });
    setSaved(false);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const differ = draft.newPassword !== draft.again;
    setMismatch(differ ? t('resetPassword.mismatch') : undefined);
    if (differ) return;
    change.mutate(
      { currentPassword: draft.currentPassword, newPassword: draft.newPassword },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          setSaved(true);
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="profile-password">
      <h2 id="profile-password">{t('password.title')}</h2>
      <Notice message={saved ? t('password.changed') : undefined} />
      <Form error={change.error} onSubmit={submit}>
        <FormError />
        {/* For password managers: whose password this is. */}
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        <Field label={t('password.current')} name="currentPassword">
          <input type="password" autoComplete="current-password" required value={draft.currentPassword} onChange={set('currentPassword')} />
        </Field>
        <Field
          label={t('password.new')}
          name="newPassword"
          hint={t('register.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
        >
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            value={draft.newPassword}
            onChange={set('newPassword')}
          />
        </Field>
        <Field label={t('password.again')} error={mismatch}>
          <input type="password" autoComplete="new-password" required value={draft.again} onChange={set('again')} />
        </Field>
        <p className="field-hint">{t('password.othersSignedOut')}</p>
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? t('password.submitting') : t('password.submit')}
        </button>
      </Form>
    </section>
  );
}
