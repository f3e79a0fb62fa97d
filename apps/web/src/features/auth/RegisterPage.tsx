import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AGENCY_TYPES, GENDERS, LOCALES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';
import { ApiError, type Schemas } from '../../api/client';
import { useRegister } from '../../api/use-me';
import { useMemberStates } from '../../api/use-member-states';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';

type Form = Omit<Schemas['RegisterDto'], 'memberState'> & { memberStateName: string };

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegister();
  const locale = currentLocale();
  const { data: states } = useMemberStates(locale);
  const [form, setForm] = useState<Form>({
    email: '',
    password: '',
    fullName: '',
    memberStateName: '',
    institution: '',
    agencyType: '' as Form['agencyType'],
    jobTitle: '',
    gender: '' as Form['gender'],
    locale,
  });
  const [stateError, setStateError] = useState<string>();
  const fields = register.error instanceof ApiError ? register.error.fields : {};
  const set =
    <K extends keyof Form>(key: K) =>
    (event: { target: { value: string } }) =>
      setForm({ ...form, [key]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const name = form.memberStateName.trim().toLocaleLowerCase(locale);
    const state = states?.find((candidate) => candidate.name.toLocaleLowerCase(locale) === name || candidate.code.toLowerCase() === name);
    setStateError(state || !name ? undefined : t('register.pickState'));
    if (!state && name) return;
    const { memberStateName: _name, ...rest } = form;
    register.mutate({ ...rest, memberState: state?.code ?? '' }, { onSuccess: () => void navigate('/pending', { replace: true }) });
  }

  return (
    <section className="narrow">
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <form onSubmit={submit} noValidate>
        <FormError error={register.error} />
        <Field label={t('fields.email')} error={fields.email}>
          <input type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </Field>
        <Field
          label={t('fields.password')}
          hint={t('register.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          error={fields.password}
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
        <Field label={t('fields.fullName')} error={fields.fullName}>
          <input type="text" autoComplete="name" required value={form.fullName} onChange={set('fullName')} />
        </Field>
        <Field label={t('fields.memberState')} hint={t('register.stateHint')} error={stateError ?? fields.memberState}>
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
        <Field label={t('fields.institution')} error={fields.institution}>
          <input type="text" autoComplete="organization" required value={form.institution} onChange={set('institution')} />
        </Field>
        <Field label={t('fields.agencyType')} error={fields.agencyType}>
          <select required value={form.agencyType} onChange={set('agencyType')}>
            <option value="">{t('common.choose')}</option>
            {AGENCY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`agencyTypes.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fields.jobTitle')} error={fields.jobTitle}>
          <input type="text" autoComplete="organization-title" required value={form.jobTitle} onChange={set('jobTitle')} />
        </Field>
        <Field label={t('fields.gender')} hint={t('register.genderHint')} error={fields.gender}>
          <select required value={form.gender} onChange={set('gender')}>
            <option value="">{t('common.choose')}</option>
            {GENDERS.map((gender) => (
              <option key={gender} value={gender}>
                {t(`genders.${gender}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fields.locale')} error={fields.locale}>
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
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </section>
  );
}
