import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/client';
import { useVerifyMfa } from '../../api/me/use-sign-in';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';

/** The second step of signing in: the 6-digit code from the authenticator app, or a recovery code. */
export function MfaCodeStep({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useTranslation();
  const verify = useVerifyMfa();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    verify.mutate(code, { onSuccess: ({ user }) => onSignedIn(user) });
  }

  function toggle() {
    setRecovery(!recovery);
    setCode('');
    verify.reset();
  }

  return (
    <Form error={verify.error} onSubmit={submit}>
      <FormError />
      <p>{recovery ? t('mfa.recoveryIntro') : t('mfa.codeIntro')}</p>
      {recovery ? (
        <Field label={t('mfa.recoveryCode')} name="code">
          <input
            key="recovery"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
      ) : (
        <Field label={t('mfa.code')} name="code">
          <input
            key="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxLength={7}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
      )}
      <button type="submit" disabled={verify.isPending}>
        {verify.isPending ? t('login.submitting') : t('mfa.verify')}
      </button>
      <p>
        <button type="button" className="button-link" onClick={toggle}>
          {recovery ? t('mfa.useApp') : t('mfa.useRecovery')}
        </button>
      </p>
    </Form>
  );
}
