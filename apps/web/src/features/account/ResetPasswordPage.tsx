import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';
import { useConfirmPasswordReset } from '../../api/password-reset/use-confirm-password-reset';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { isRefusedLink } from './refused-link';

function LinkNoLongerWorks() {
  const { t } = useTranslation('account');
  usePageTitle(t('resetPassword.badLinkTitle'));
  return (
    <section className="narrow">
      <h1>{t('resetPassword.badLinkTitle')}</h1>
      <p>{t('resetPassword.badLink')}</p>
      <p>
        <Link to="/forgot-password">{t('resetPassword.askAgain')}</Link>
      </p>
    </section>
  );
}

/** The page a password-reset mail links to (`/reset-password?token=…`): a new password, twice. */
export function ResetPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('resetPassword.title'));
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const reset = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState<string>();

  if (!token || isRefusedLink(reset.error)) return <LinkNoLongerWorks />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const differ = password !== again;
    setMismatch(differ ? t('resetPassword.mismatch') : undefined);
    if (differ) return;
    reset.mutate(
      { token, password },
      // The sign-in page says the password is set (LoginPage reads the notice).
      { onSuccess: () => void navigate('/login', { replace: true, state: { notice: 'passwordReset' } }) },
    );
  }

  return (
    <section className="narrow">
      <h1>{t('resetPassword.title')}</h1>
      <p>{t('resetPassword.intro')}</p>
      <Form error={reset.error} onSubmit={submit}>
        <FormError />
        <Field
          label={t('resetPassword.password')}
          name="password"
          hint={t('register.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
        >
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field label={t('resetPassword.again')} error={mismatch}>
          <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
        </Field>
        <button type="submit" disabled={reset.isPending}>
          {reset.isPending ? t('resetPassword.submitting') : t('resetPassword.submit')}
        </button>
      </Form>
    </section>
  );
}
