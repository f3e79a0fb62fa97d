import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganiserCandidates } from '../../api/activities/use-organiser-candidates';
import { useMemberStateName } from '../../api/member-states/use-member-states';
import { Field, FieldErrorMessage } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Notice } from '../../components/Notice';
import { withOrganiser, withoutOrganiser, type ActivityDraft } from './activity-draft';

interface CoOrganisersFieldProps {
  draft: ActivityDraft;
  onChange: (draft: ActivityDraft) => void;
  /** The organiser, who is never offered as their own co-organiser. */
  organiserId: string | undefined;
  /** Only the organiser or an admin chooses who co-organises; others see the list. */
  editable: boolean;
}

/**
 * The trainers who run the activity with its organiser: found by name or email among active
 * trainers, added and removed one click each; saved with the rest of the form. It sits inside the
 * activity's form, so the search is a button of its own (Enter in the search box runs it rather
 * than saving the activity).
 */
export function CoOrganisersField({ draft, onChange, organiserId, editable }: CoOrganisersFieldProps) {
  const { t } = useTranslation('activities');
  const stateName = useMemberStateName();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [said, setSaid] = useState<string>();
  const searchBox = useRef<HTMLInputElement>(null);
  const candidates = useOrganiserCandidates(q);
  const chosen = new Set(draft.coOrganisers.map((person) => person.id));

  const search = () => setQ(typed.trim());
  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };

  return (
    <fieldset>
      <legend>{t('organisers.title')}</legend>
      <p className="field-hint">{editable ? t('organisers.help') : t('organisers.onlyOrganiser')}</p>
      <FieldErrorMessage name="coOrganiserIds" />
      <Notice message={said} />
      {draft.coOrganisers.length === 0 ? (
        <p>{t('organisers.none')}</p>
      ) : (
        <ul className="candidates">
          {draft.coOrganisers.map((person) => (
            <li key={person.id}>
              <span>
                <strong>
                  <bdi>{person.fullName}</bdi>
                </strong>{' '}
                <bdi className="muted">{person.detail}</bdi>
              </span>
              {editable && (
                <button
                  type="button"
                  className="button-link"
                  onClick={() => {
                    onChange(withoutOrganiser(draft, person.id));
                    setSaid(t('organisers.removed', { name: person.fullName }));
                    // The button is gone with its row: the search box is where the next step starts.
                    searchBox.current?.focus();
                  }}
                >
                  {t('organisers.remove')}
                  <span className="visually-hidden"> {person.fullName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <>
          <div className="filters" role="search" aria-label={t('organisers.searchRegion')}>
            <Field label={t('organisers.search')} hint={t('organisers.searchHint')}>
              <input
                ref={searchBox}
                type="search"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                onKeyDown={searchOnEnter}
              />
            </Field>
            <button type="button" className="secondary" onClick={search}>
              {t('organisers.find')}
            </button>
          </div>
          <FormError error={candidates.error} />
          {candidates.data && (
            <>
              {candidates.data.items.length === 0 && <p>{t('organisers.noneFound')}</p>}
              <ul className="candidates" aria-label={t('organisers.found')}>
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
                    {candidate.userId === organiserId ? (
                      <span className="muted">{t('organisers.isOrganiser')}</span>
                    ) : chosen.has(candidate.userId) ? (
                      <span className="muted">{t('organisers.alreadyChosen')}</span>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          onChange(withOrganiser(draft, { id: candidate.userId, fullName: candidate.fullName, detail: candidate.email }));
                          setSaid(t('organisers.added', { name: candidate.fullName }));
                          searchBox.current?.focus();
                        }}
                      >
                        {t('organisers.add')}
                        <span className="visually-hidden"> {candidate.fullName}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </fieldset>
  );
}
