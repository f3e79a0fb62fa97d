import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_ROLES, type ParticipantRole } from '@ctlp/contracts';
import { isPresent } from '../../../api/activities/attendance-cache';
import type { Activity } from '../../../api/activities/use-activity';
import { useRemoveParticipant, useSetParticipantRole } from '../../../api/activities/use-participant-edits';
import { useParticipants, type ActivityParticipant } from '../../../api/activities/use-participants';
import { useRecordAttendance } from '../../../api/activities/use-record-attendance';
import { useMemberStateName } from '../../../api/member-states/use-member-states';
import { AsyncTable } from '../../../components/Async';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { useDayName } from '../parts';
import { useConfirm } from '../../../components/Feedback';

interface CellProps {
  activityId: string;
  participant: ActivityParticipant;
  day: string;
}

/** One day of one person: a checkbox saved as soon as it changes. */
function AttendanceCell({ activityId, participant, day }: CellProps) {
  const { t } = useTranslation('activities');
  const dayName = useDayName('long');
  const record = useRecordAttendance(activityId, participant.id, day);
  // What was just ticked shows at once; once saved (or refused) the box shows what the API holds.
  const [intended, setIntended] = useState<boolean>();
  return (
    <td className="attendance">
      <input
        type="checkbox"
        checked={intended ?? isPresent(participant, day)}
        aria-label={t('participants.presentOn', { day: dayName(day), name: participant.fullName })}
        onChange={(event) => {
          const present = event.target.checked;
          setIntended(present);
          record.mutate(present, { onSettled: () => setIntended(undefined) });
        }}
      />
      <FormError error={record.error} />
    </td>
  );
}

/**
 * A person's role, changed as soon as another is chosen. What was chosen shows at once; once saved
 * (or refused: a participant beyond capacity) the select shows what the API holds.
 */
function RoleCell({ activityId, participant, onChanged }: Omit<CellProps, 'day'> & { onChanged: (message: string) => void }) {
  const { t } = useTranslation('activities');
  const change = useSetParticipantRole(activityId, participant.id);
  const [intended, setIntended] = useState<ParticipantRole>();
  return (
    <td>
      <select
        value={intended ?? participant.role}
        aria-label={t('participants.roleOf', { name: participant.fullName })}
        onChange={(event) => {
          const role = event.target.value as ParticipantRole;
          setIntended(role);
          change.mutate(role, {
            onSuccess: (place) =>
              onChanged(t('participants.roleChanged', { name: place.fullName, role: t(`participantRoles.${place.role}`) })),
            onSettled: () => setIntended(undefined),
          });
        }}
      >
        {PARTICIPANT_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`participantRoles.${role}`)}
          </option>
        ))}
      </select>
      <FormError error={change.error} />
    </td>
  );
}

function RemoveButton({ activityId, participant }: { activityId: string; participant: ActivityParticipant }) {
  const { t } = useTranslation('activities');
  const remove = useRemoveParticipant();
  const confirm = useConfirm();
  return (
    <>
      <button
        type="button"
        className="button-link"
        disabled={remove.isPending}
        onClick={async () => {
          if (
            await confirm({
              title: t('participants.confirmRemove', { name: participant.fullName }),
              confirmLabel: t('participants.remove'),
              danger: true,
            })
          )
            remove.mutate({ activityId, id: participant.id });
        }}
      >
        {t('participants.remove')}
        <span className="visually-hidden"> {participant.fullName}</span>
      </button>
      <FormError error={remove.error} />
    </>
  );
}

/** Everyone in the activity with a column per day; organisers tick who was there. */
export function ParticipantsTable({ activity, editable }: { activity: Activity; editable: boolean }) {
  const { t } = useTranslation('activities');
  const participants = useParticipants(activity.id);
  const stateName = useMemberStateName();
  const dayName = useDayName('short');
  const days = participants.data?.days ?? [];
  const [changed, setChanged] = useState<string>();
  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('participants.title')}</h2>
      <Notice message={changed} />
      <AsyncTable
        cardsOnPhones
        query={participants}
        caption={t('participants.caption', { title: activity.title })}
        empty={t('participants.empty')}
        columns={[
          t('participants.name'),
          t('participants.memberState'),
          t('participants.role'),
          ...days.map((day) => dayName(day)),
          t('participants.completed'),
          ...(editable ? [t('participants.actions')] : []),
        ]}
        rowKey={(participant) => participant.id}
        row={(participant) => (
          <>
            <th scope="row">
              <bdi>{participant.fullName}</bdi>
              <br />
              <span className="muted">
                {[participant.email, participant.institution].filter(Boolean).map((part, index) => (
                  <Fragment key={index}>
                    {index > 0 && ' · '}
                    <bdi>{part}</bdi>
                  </Fragment>
                ))}
              </span>
            </th>
            <td>{stateName(participant.memberState)}</td>
            {editable ? (
              <RoleCell activityId={activity.id} participant={participant} onChanged={setChanged} />
            ) : (
              <td>{t(`participantRoles.${participant.role}`)}</td>
            )}
            {days.map((day) =>
              editable ? (
                <AttendanceCell key={day} activityId={activity.id} participant={participant} day={day} />
              ) : (
                <td key={day}>{isPresent(participant, day) ? t('participants.present') : t('participants.absent')}</td>
              ),
            )}
            <td>{participant.completed ? t('participants.yes') : t('participants.no')}</td>
            {editable && (
              <td>
                <RemoveButton activityId={activity.id} participant={participant} />
              </td>
            )}
          </>
        )}
      />
    </section>
  );
}
