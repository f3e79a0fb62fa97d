import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@ctlp/contracts';
import type { Schemas, User } from '../../../api/client';
import { useMemberStateName } from '../../../api/member-states/use-member-states';
import { useUpdateProfile } from '../../../api/me/use-update-profile';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { LANGUAGE_NAMES } from '../../../i18n';

/** Name, institution, job title and interface language; the email and Member State are shown, not changed. */
export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const stateName = useMemberStateName();
  const update = useUpdateProfile();
  // Only what the official has changed here: the rest shows the profile as it is now (the header's
  // language switcher changes it too), and saving sends only the changes.
  const [edits, setEdits] = useState<Schemas['UpdateProfileDto']>({});
  const draft = { fullName: user.fullName, institution: user.institution, jobTitle: user.jobTitle, locale: user.locale, ...edits };
  // Whether the last change was saved; its words follow the language, which the change may set.
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) => {
    setEdits({ ...edits, [key]: event.target.value });
    setSaved(false);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    // The saved profile's language becomes the interface's (AppLayout follows the profile).
    update.mutate(edits, {
      onSuccess: () => {
        setEdits({});
        setSaved(true);
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="profile-details">
      <h2 id="profile-details">{t('myProfile.details')}</h2>
      <dl className="facts">
        <dt>{t('fields.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('fields.memberState')}</dt>
        <dd>{stateName(user.memberState)}</dd>
      </dl>
      <Notice message={saved ? t('myProfile.saved') : undefined} />
      <Form error={update.error} onSubmit={submit}>
        <FormError />
        <Field label={t('fields.fullName')} name="fullName">
          <input type="text" autoComplete="name" required value={draft.fullName} onChange={set('fullName')} />
        </Field>
        <Field label={t('fields.institution')} name="institution">
          <input type="text" autoComplete="organization" required value={draft.institution} onChange={set('institution')} />
        </Field>
        <Field label={t('fields.jobTitle')} name="jobTitle">
          <input type="text" autoComplete="organization-title" required value={draft.jobTitle} onChange={set('jobTitle')} />
        </Field>
        <Field label={t('fields.locale')} name="locale">
          <select value={draft.locale} onChange={set('locale')}>
            {LOCALES.map((code: Locale) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? t('myProfile.saving') : t('myProfile.save')}
        </button>
      </Form>
    </section>
  );
}
