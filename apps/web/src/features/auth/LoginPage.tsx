import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useLogin } from '../../api/use-me';
import { Field } from '../../components/Field';

/** Only paths of this site, so a crafted link cannot send a user elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = login.error instanceof ApiError ? login.error : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate(
      { email, password },
      { onSuccess: ({ user }) => void navigate(user.status === 'active' ? safeNext(params.get('next')) : '/pending', { replace: true }) },
    );
  }

  let message: string | undefined;
  if (login.error) {
    if (!error || error.status === 0) message = t('errors.network');
    else if (error.status === 401) message = t('login.wrongCredentials');
    else if (error.status !== 400) message = error.message;
  }

  return (
    <section className="narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        {message && (
          <div role="alert" className="form-error">
            {message}
          </div>
        )}
        <Field label={t('fields.email')} error={error?.fields.email}>
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('fields.password')} error={error?.fields.password}>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p>
        {t('login.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
    </section>
  );
}
