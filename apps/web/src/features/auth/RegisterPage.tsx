import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AGENCY_TYPES, GENDERS, LOCALES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';
import type { Schemas } from '../../api/client';
import { useRegister } from '../../api/me/use-sign-in';
import { useMemberStateByName, useMemberStates } from '../../api/member-states/use-member-states';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';

type Draft = Omit<Schemas['RegisterDto'], 'memberState'> & { memberStateName: string };

export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('register.title'));
  // Sent here from a link that needs an account (a check-in): back there once logged in.
  const next = useSearchParams()[0].get('next');
  const loginLink = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
  // The address the registration went to: the answer is the same whether or not it had an account.
  const [sentTo, setSentTo] = useState<string>();
  const register = useRegister();
  const { data: states } = useMemberStates();
  const find = useMemberStateByName();
  const [form, setForm] = useState<Draft>({
    email: '',
    password: '',
    fullName: '',
    memberStateName: '',
    institution: '',
    agencyType: '' as Draft['agencyType'],
    jobTitle: '',
    gender: '' as Draft['gender'],
    locale: currentLocale(),
  });
  const [stateError, setStateError] = useState<string>();
  const set =
    <K extends keyof Draft>(key: K) =>
    (event: { target: { value: string } }) =>
      setForm({ ...form, [key]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const state = find(form.memberStateName);
    // A name that is not on the list is caught here; an empty one is left to the API to name.
    const unknown = !state && form.memberStateName.trim() !== '';
    setStateError(unknown ? t('register.pickState') : undefined);
    if (unknown) return;
    const { memberStateName: _name, ...rest } = form;
    register.mutate({ ...rest, memberState: state?.code ?? '' }, { onSuccess: () => setSentTo(form.email.trim()) });
  }

  if (sentTo)
    return (
      <section className="narrow">
        <h1>{t('register.sentTitle')}</h1>
        <p role="status">{t('register.sent', { email: sentTo })}</p>
        <p>{t('register.sentSpam')}</p>
        <p>
          <Link to={loginLink}>{t('nav.login')}</Link>
        </p>
      </section>
    );

  return (
    <section className="narrow">
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <Form error={register.error} onSubmit={submit}>
        <FormError />
        <Field label={t('fields.email')} name="email">
          <input type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </Field>
        <Field
          label={t('fields.password')}
          name="password"
          hint={t('register.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
        >
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            value={form.password}
            onChange={set('password')}
          />
        </Field>
        <Field label={t('fields.fullName')} name="fullName">
          <input type="text" autoComplete="name" required value={form.fullName} onChange={set('fullName')} />
        </Field>
        <Field label={t('fields.memberState')} name="memberState" hint={t('register.stateHint')} error={stateError}>
          <input
            type="text"
            list="member-states"
            autoComplete="off"
            required
            value={form.memberStateName}
            onChange={set('memberStateName')}
          />
        </Field>
        <datalist id="member-states">
          {states?.map((state) => (
            <option key={state.code} value={state.name} />
          ))}
        </datalist>
        <Field label={t('fields.institution')} name="institution">
          <input type="text" autoComplete="organization" required value={form.institution} onChange={set('institution')} />
        </Field>
        <Field label={t('fields.agencyType')} name="agencyType">
          <select required value={form.agencyType} onChange={set('agencyType')}>
            <option value="">{t('common.choose')}</option>
            {AGENCY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`agencyTypes.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fields.jobTitle')} name="jobTitle">
          <input type="text" autoComplete="organization-title" required value={form.jobTitle} onChange={set('jobTitle')} />
        </Field>
        <Field label={t('fields.gender')} name="gender" hint={t('register.genderHint')}>
          <select required value={form.gender} onChange={set('gender')}>
            <option value="">{t('common.choose')}</option>
            {GENDERS.map((gender) => (
              <option key={gender} value={gender}>
                {t(`genders.${gender}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fields.locale')} name="locale">
          <select value={form.locale} onChange={set('locale')}>
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={register.isPending}>
          {register.isPending ? t('register.submitting') : t('register.submit')}
        </button>
      </Form>
      <p>
        {t('register.haveAccount')} <Link to={loginLink}>{t('nav.login')}</Link>
      </p>
    </section>
  );
}
