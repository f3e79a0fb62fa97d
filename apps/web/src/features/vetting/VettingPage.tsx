import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserStatus } from '@ctlp/contracts';
import type { User } from '../../api/client';
import { useMemberStateName } from '../../api/member-states/use-member-states';
import { useDecideRegistration } from '../../api/registrations/use-decide-registration';
import { REGISTRATIONS_PAGE_SIZE, useRegistrations } from '../../api/registrations/use-registrations';
import { AsyncTable } from '../../components/Async';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination } from '../../components/Pagination';
import { usePageTitle } from '../../components/use-page-title';
import { RejectForm } from './RejectForm';

const FILTERS: UserStatus[] = ['pending', 'active', 'rejected'];

/** Approve at once, or open the form to reject with a reason; `announce` says what happened. */
function Decision({ user, announce }: { user: User; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const decide = useDecideRegistration();
  const [rejecting, setRejecting] = useState(false);
  if (rejecting) {
    return (
      <RejectForm
        user={user}
        onCancel={() => setRejecting(false)}
        onDone={() => {
          setRejecting(false);
          announce(t('vetting.rejected', { name: user.fullName }));
        }}
      />
    );
  }
  return (
    <div className="row-actions">
      <button
        type="button"
        disabled={decide.isPending}
        onClick={() =>
          // The row leaves the list once the decision is made: the page, not the row, says so.
          decide.mutateAsync({ userId: user.id, kind: 'approve' }).then(
            () => announce(t('vetting.approved', { name: user.fullName })),
            () => undefined, // shown by the FormError below
          )
        }
      >
        {t('vetting.approve')}
        <span className="visually-hidden"> {user.fullName}</span>
      </button>
      <button type="button" className="secondary" onClick={() => setRejecting(true)}>
        {t('vetting.reject')}
        <span className="visually-hidden"> {user.fullName}</span>
      </button>
      <FormError error={decide.error} />
    </div>
  );
}

function RegistrationCells({ user, status, announce }: { user: User; status: UserStatus; announce: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const stateName = useMemberStateName();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <>
      <th scope="row">
        {user.fullName}
        <br />
        <span className="muted">{user.email}</span>
        <br />
        {/* A focal point may decide either way; an unconfirmed address is worth a second look. */}
        <span className={user.emailConfirmedAt ? 'muted' : 'attention'}>
          {user.emailConfirmedAt ? t('vetting.emailConfirmed') : t('vetting.emailUnconfirmed')}
        </span>
      </th>
      <td>{stateName(user.memberState)}</td>
      <td>{user.institution}</td>
      <td>{t(`agencyTypes.${user.agencyType}`)}</td>
      <td>{user.jobTitle}</td>
      <td>{t(`genders.${user.gender}`)}</td>
      <td>{date.format(new Date(user.createdAt))}</td>
      <td>
        {status === 'pending' ? (
          <Decision user={user} announce={announce} />
        ) : (
          <>
            {user.vettedAt ? date.format(new Date(user.vettedAt)) : '—'}
            {user.rejectionReason && <p className="muted">{user.rejectionReason}</p>}
          </>
        )}
      </td>
    </>
  );
}

/** The focal point's queue: their own State's registrations (all States for an admin). */
export function VettingPage() {
  const { t } = useTranslation();
  usePageTitle(t('vetting.title'));
  const [status, setStatus] = useState<UserStatus>('pending');
  const [offset, setOffset] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const registrations = useRegistrations(status, REGISTRATIONS_PAGE_SIZE, offset);

  return (
    <section>
      <h1>{t('vetting.title')}</h1>
      <p>{t('vetting.intro')}</p>
      <Field label={t('vetting.show')}>
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as UserStatus);
            setOffset(0);
          }}
        >
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`statuses.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <AsyncTable
        query={registrations}
        caption={t('vetting.title')}
        empty={t('vetting.empty')}
        columns={[
          t('fields.fullName'),
          t('fields.memberState'),
          t('fields.institution'),
          t('fields.agencyType'),
          t('fields.jobTitle'),
          t('fields.gender'),
          t('vetting.registered'),
          status === 'pending' ? t('vetting.decision') : t('vetting.decided'),
        ]}
        rowKey={(user) => user.id}
        row={(user) => <RegistrationCells user={user} status={status} announce={setAnnouncement} />}
      />
      {registrations.data && (
        <Pagination total={registrations.data.total} limit={REGISTRATIONS_PAGE_SIZE} offset={offset} onChange={setOffset} />
      )}
    </section>
  );
}
