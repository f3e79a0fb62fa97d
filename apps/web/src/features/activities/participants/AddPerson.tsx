import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, GENDERS, PARTICIPANT_ROLES, type AgencyType, type Gender, type ParticipantRole } from '@ctlp/contracts';
import { useAddParticipants } from '../../../api/activities/use-participant-edits';
import { useMemberStateByName } from '../../../api/member-states/use-member-states';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { MemberStateOptions } from '../parts';

const EMPTY = { fullName: '', email: '', memberStateName: '', institution: '', agencyType: '', gender: '', role: 'participant' };

/** The API's name for a field of the one person this form sends. */
const field = (name: string) => `participants.0.${name}`;

/** A person known only by what they gave on the day (no account needed); matched to an account by email. */
export function AddPerson({ activityId }: { activityId: string }) {
  const { t } = useTranslation('activities');
  const find = useMemberStateByName();
  const add = useAddParticipants();
  const [person, setPerson] = useState(EMPTY);
  const [stateError, setStateError] = useState<string>();
  const [added, setAdded] = useState<string>();
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setPerson({ ...person, [key]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const state = find(person.memberStateName);
    const unknown = !state && person.memberStateName.trim() !== '';
    setStateError(unknown ? t('form.pickState') : undefined);
    if (unknown) return;
    const item = {
      fullName: person.fullName,
      email: person.email.trim() || null,
      memberState: state?.code ?? '',
      institution: person.institution.trim() || null,
      agencyType: (person.agencyType || null) as AgencyType | null,
      gender: (person.gender || null) as Gender | null,
      role: person.role as ParticipantRole,
    };
    add.mutate(
      { activityId, participants: [item] },
      {
        onSuccess: () => {
          setAdded(person.fullName);
          setPerson(EMPTY);
        },
      },
    );
  }

  return (
    <Form error={add.error} onSubmit={submit} className="panel" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">{t('addPerson.title')}</h2>
      <p>{t('addPerson.help')}</p>
      <FormError />
      <Notice message={added ? t('addOfficial.added', { name: added }) : undefined} />
      <Field label={t('addPerson.fullName')} name={field('fullName')}>
        <input autoComplete="off" value={person.fullName} onChange={set('fullName')} />
      </Field>
      <Field label={t('addPerson.email')} name={field('email')} hint={t('addPerson.emailHint')}>
        <input type="email" autoComplete="off" value={person.email} onChange={set('email')} />
      </Field>
      <Field label={t('addPerson.memberState')} name={field('memberState')} error={stateError}>
        <input type="text" list="person-states" autoComplete="off" value={person.memberStateName} onChange={set('memberStateName')} />
      </Field>
      <MemberStateOptions id="person-states" />
      <Field label={t('addPerson.institution')} name={field('institution')}>
        <input value={person.institution} onChange={set('institution')} />
      </Field>
      <Field label={t('addPerson.agencyType')} name={field('agencyType')}>
        <select value={person.agencyType} onChange={set('agencyType')}>
          <option value="">{t('addPerson.notKnown')}</option>
          {AGENCY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`agencyTypes.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('addPerson.gender')} name={field('gender')}>
        <select value={person.gender} onChange={set('gender')}>
          <option value="">{t('addPerson.notKnown')}</option>
          {GENDERS.map((gender) => (
            <option key={gender} value={gender}>
              {t(`genders.${gender}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('participants.role')} name={field('role')}>
        <select value={person.role} onChange={set('role')}>
          {PARTICIPANT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`participantRoles.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={add.isPending}>
        {t('addPerson.add')}
      </button>
    </Form>
  );
}
