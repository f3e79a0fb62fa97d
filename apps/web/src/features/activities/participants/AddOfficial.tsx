import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParticipantCandidates } from '../../../api/activities/use-participant-candidates';
import { useAddParticipants } from '../../../api/activities/use-participant-edits';
import { useMemberStateName } from '../../../api/member-states/use-member-states';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';

/** Finds registered officials by name or email and adds them, by their account, one click each. */
export function AddOfficial({ activityId }: { activityId: string }) {
  const { t } = useTranslation('activities');
  const stateName = useMemberStateName();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const candidates = useParticipantCandidates(activityId, q);
  const add = useAddParticipants();
  const [added, setAdded] = useState<string>();

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
  }

  return (
    <section aria-labelledby="add-official-heading" className="panel">
      <h2 id="add-official-heading">{t('addOfficial.title')}</h2>
      <form role="search" className="filters" onSubmit={search} noValidate>
        <Field label={t('addOfficial.search')} hint={t('addOfficial.searchHint')}>
          <input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </Field>
        <button type="submit">{t('addOfficial.find')}</button>
      </form>
      <FormError error={candidates.error ?? add.error} />
      <Notice message={added ? t('addOfficial.added', { name: added }) : undefined} />
      {candidates.data && (
        <>
          {candidates.data.items.length === 0 && <p>{t('addOfficial.none')}</p>}
          <ul className="candidates">
            {candidates.data.items.map((candidate) => (
              <li key={candidate.userId}>
                <span>
                  <strong>
                    <bdi>{candidate.fullName}</bdi>
                  </strong>{' '}
                  <span className="muted">
                    <bdi>{candidate.email}</bdi> · {stateName(candidate.memberState)} · <bdi>{candidate.institution}</bdi>
                  </span>
                </span>
                {candidate.alreadyAdded ? (
                  <span className="muted">{t('addOfficial.alreadyAdded')}</span>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    disabled={add.isPending}
                    onClick={() =>
                      add.mutate(
                        { activityId, participants: [{ userId: candidate.userId, role: 'participant' }] },
                        { onSuccess: () => setAdded(candidate.fullName) },
                      )
                    }
                  >
                    {t('addOfficial.add')}
                    <span className="visually-hidden"> {candidate.fullName}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
