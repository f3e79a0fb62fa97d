import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/password-reset/use-request-password-reset';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { Notice } from '../../components/Notice';
import { usePageTitle } from '../../components/use-page-title';

/**
 * Asks for a link to choose a new password. Whatever the address, the page says the same thing
 * afterwards (and the API answers the same): nobody learns here whether an account exists.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('forgotPassword.title'));
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate({ email: email.trim() });
  }

  return (
    <section className="narrow">
      <h1>{t('forgotPassword.title')}</h1>
      <Notice message={request.isSuccess ? t('forgotPassword.sent') : undefined} />
      {request.isSuccess ? (
        <>
          <p>{t('forgotPassword.checkSpam')}</p>
          <button type="button" className="secondary" onClick={() => request.reset()}>
            {t('forgotPassword.again')}
          </button>
        </>
      ) : (
        <>
          <p>{t('forgotPassword.intro')}</p>
          <Form error={request.error} onSubmit={submit}>
            <FormError />
            <Field label={t('fields.email')} name="email">
              <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </Field>
            <button type="submit" disabled={request.isPending}>
              {request.isPending ? t('forgotPassword.submitting') : t('forgotPassword.submit')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t('forgotPassword.backToLogin')}</Link>
      </p>
    </section>
  );
}
