import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, USER_STATUSES, type Role, type UserStatus } from '@ctlp/contracts';
import type { User } from '../../api/client';
import { useMemberStateName, useMemberStates } from '../../api/member-states/use-member-states';
import { USERS_PAGE_SIZE, useUsers, type UserFilters } from '../../api/users/use-users';
import { AsyncTable } from '../../components/Async';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { usePageTitle } from '../../components/use-page-title';
import { UserEditor } from './UserEditor';
import { dateFormat } from '../../intl';

const EMPTY_DRAFT = { q: '', role: '', status: '', memberState: '' };

function filtersOf(draft: typeof EMPTY_DRAFT): UserFilters {
  return {
    limit: USERS_PAGE_SIZE,
    offset: 0,
    ...(draft.q.trim() ? { q: draft.q.trim() } : {}),
    ...(draft.role ? { role: draft.role as Role } : {}),
    ...(draft.status ? { status: draft.status as UserStatus } : {}),
    ...(draft.memberState ? { memberState: draft.memberState } : {}),
  };
}

function UserFiltersForm({ onApply }: { onApply: (filters: UserFilters) => void }) {
  const { t } = useTranslation();
  const { data: states } = useMemberStates();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const set = (key: keyof typeof EMPTY_DRAFT) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  function search(event: FormEvent) {
    event.preventDefault();
    onApply(filtersOf(draft));
  }
  return (
    <form role="search" onSubmit={search} className="filters">
      <Field label={t('users.search')}>
        <input type="search" value={draft.q} onChange={set('q')} />
      </Field>
      <Field label={t('users.role')}>
        <select value={draft.role} onChange={set('role')}>
          <option value="">{t('common.all')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('users.status')}>
        <select value={draft.status} onChange={set('status')}>
          <option value="">{t('common.all')}</option>
          {USER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.memberState')}>
        <select value={draft.memberState} onChange={set('memberState')}>
          <option value="">{t('common.all')}</option>
          {states?.map((state) => (
            <option key={state.code} value={state.code}>
              {state.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">{t('users.apply')}</button>
    </form>
  );
}

function UserCells({ user, editing, onEdit }: { user: User; editing: boolean; onEdit: (message?: string) => void }) {
  const { t, i18n } = useTranslation();
  const stateName = useMemberStateName();
  const date = dateFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <>
      <th scope="row">
        <bdi>{user.fullName}</bdi>
        <br />
        <bdi className="muted">{user.email}</bdi>
      </th>
      <td>{stateName(user.memberState)}</td>
      <td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
      <td>{t(`statuses.${user.status}`)}</td>
      <td>{date.format(new Date(user.createdAt))}</td>
      <td>
        {editing ? (
          <UserEditor user={user} onDone={onEdit} />
        ) : (
          <button type="button" className="secondary" onClick={() => onEdit()}>
            {t('users.edit')}
            <span className="visually-hidden"> {user.fullName}</span>
          </button>
        )}
      </td>
    </>
  );
}

/** Every account: search, roles and suspension. */
export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const [filters, setFilters] = useState<UserFilters>({ limit: USERS_PAGE_SIZE, offset: 0 });
  const [editing, setEditing] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const users = useUsers(filters);

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <UserFiltersForm onApply={setFilters} />
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <AsyncTable
        query={users}
        caption={t('users.title')}
        empty={t('users.empty')}
        columns={[
          t('fields.fullName'),
          t('fields.memberState'),
          t('users.roles'),
          t('users.status'),
          t('vetting.registered'),
          t('users.actions'),
        ]}
        cardsOnPhones
        rowKey={(user) => user.id}
        row={(user) => (
          <UserCells
            user={user}
            editing={editing === user.id}
            onEdit={(message) => {
              // Opening the editor passes no message; closing it passes what to announce ('' on cancel).
              setEditing(message === undefined ? user.id : undefined);
              if (message !== undefined) setAnnouncement(message);
            }}
          />
        )}
      />
      {users.data && (
        <Pagination
          total={users.data.total}
          limit={USERS_PAGE_SIZE}
          offset={filters.offset}
          onChange={(offset) => setFilters({ ...filters, offset })}
        />
      )}
    </section>
  );
}
