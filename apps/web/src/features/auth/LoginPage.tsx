import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/me/use-sign-in';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { Notice } from '../../components/Notice';
import { usePageTitle } from '../../components/use-page-title';
import type { User } from '../../api/client';
import { MfaCodeStep } from './MfaCodeStep';
import { afterSignIn } from './safe-next';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Registering instead keeps the way back (a check-in link).
  const next = params.get('next');
  // Set by the page where a new password has just been set (ResetPasswordPage).
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The password was right and the account has two-step sign-in: the code is asked next.
  const [codeStep, setCodeStep] = useState(false);
  const done = (user: User) => void navigate(afterSignIn(user.status, next), { replace: true });

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email, password }, { onSuccess: ({ user }) => (user ? done(user) : setCodeStep(true)) });
  }

  if (codeStep) {
    return (
      <section className="narrow">
        <h1>{t('mfa.stepTitle')}</h1>
        <MfaCodeStep onSignedIn={done} />
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t('login.title')}</h1>
      <Notice message={notice === 'passwordReset' ? t('login.passwordReset') : undefined} />
      <Form error={login.error} onSubmit={submit}>
        <FormError />
        <Field label={t('fields.email')} name="email">
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('fields.password')} name="password">
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to={next ? `/register?next=${encodeURIComponent(next)}` : '/register'}>{t('nav.register')}</Link>
      </p>
    </section>
  );
}
