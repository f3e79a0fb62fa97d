import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCreateActivity, useUpdateActivity } from '../../api/activities/use-activity-edits';
import { useActivity, type Activity } from '../../api/activities/use-activity';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/me/use-me';
import { useMemberStateByName, useMemberStateName } from '../../api/member-states/use-member-states';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { currentLocale } from '../../i18n';
import { NotFoundPage } from '../shell/NotFoundPage';
import { bodyOf, draftOf, emptyDraft, type ActivityDraft } from './activity-draft';
import { WhatFields, WhenFields, WhereFields } from './ActivityFormFields';
import { CoOrganisersField } from './CoOrganisersField';
import { Loading } from '../../components/Loading';

/** The form of a new activity (no `activity`) or of an existing one; saving opens the activity. */
function ActivityForm({ activity }: { activity?: Activity }) {
  const { t } = useTranslation('activities');
  const navigate = useNavigate();
  const stateName = useMemberStateName();
  const find = useMemberStateByName();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const save = activity ? update : create;
  const [draft, setDraft] = useState<ActivityDraft>(() => (activity ? draftOf(activity, stateName) : emptyDraft(currentLocale())));
  const [stateError, setStateError] = useState<string>();
  const { data: me } = useMe();
  // Who co-organises is the organiser's choice, or an admin's (a new activity's organiser is the caller).
  const organiserId = activity ? activity.organiser.id : me?.id;
  const chooseOrganisers = !activity || activity.organiser.id === me?.id || (me?.roles.includes('admin') ?? false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const state = find(draft.venueStateName);
    // A name that is not on the list is caught here; an empty one is left to the API to judge.
    const unknown = !state && draft.venueStateName.trim() !== '';
    setStateError(unknown ? t('form.pickState') : undefined);
    if (unknown) return;
    const body = bodyOf(draft, state?.code ?? null, chooseOrganisers);
    const onSuccess = (saved: Activity) => void navigate(`/activities/${saved.id}`);
    if (activity) update.mutate({ id: activity.id, body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  }

  return (
    <Form error={save.error} onSubmit={submit} className="narrow">
      <FormError />
      <WhatFields draft={draft} onChange={setDraft} />
      <WhereFields draft={draft} onChange={setDraft} stateError={stateError} />
      <WhenFields draft={draft} onChange={setDraft} />
      <CoOrganisersField draft={draft} onChange={setDraft} organiserId={organiserId} editable={chooseOrganisers} />
      <p className="actions">
        <button type="submit" disabled={save.isPending}>
          {activity ? t('form.save') : t('form.create')}
        </button>
        <Link to={activity ? `/activities/${activity.id}` : '/activities'}>{t('common.cancel')}</Link>
      </p>
    </Form>
  );
}

/** `/activities/new` and `/activities/:activityId/edit`. */
export function ActivityFormPage() {
  const { t } = useTranslation('activities');
  const { activityId } = useParams();
  const { data: activity, error, isPending } = useActivity(activityId ?? '', activityId !== undefined);
  const title = activityId ? (activity ? t('form.editTitle', { title: activity.title }) : undefined) : t('form.newTitle');
  usePageTitle(title);
  if (activityId === undefined) {
    return (
      <section>
        <h1>{title}</h1>
        <ActivityForm />
      </section>
    );
  }
  if (isPending) return <Loading />;
  if ((error instanceof ApiError && error.status === 404) || (activity && !activity.canManage)) return <NotFoundPage />;
  if (!activity) return <FormError error={error} />;
  return (
    <section>
      <p className="muted">
        <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
      </p>
      <h1>{title}</h1>
      <ActivityForm key={activity.id} activity={activity} />
    </section>
  );
}
