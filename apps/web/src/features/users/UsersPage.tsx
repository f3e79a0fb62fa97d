import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserStatus } from '@ctlp/contracts';
import { ApiError, type User } from '../../api/client';
import { useMemberStates } from '../../api/use-member-states';
import { useUpdateUser, useUsers, type UserFilters } from '../../api/use-users';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination } from '../../components/Pagination';
import { currentLocale } from '../../i18n';

const PAGE = 25;
const STATUSES: UserStatus[] = ['pending', 'active', 'rejected', 'suspended'];

function UserEditor({ user, onDone }: { user: User; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const fields = update.error instanceof ApiError ? update.error.fields : {};
  const toggle = (role: Role) => setRoles(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ id: user.id, body: { roles } }, { onSuccess: () => onDone(t('users.saved', { name: user.fullName })) });
  }
  function setStatus(status: 'active' | 'suspended') {
    update.mutate({ id: user.id, body: { status } }, { onSuccess: () => onDone(t('users.saved', { name: user.fullName })) });
  }

  return (
    <form onSubmit={save} className="inline-form" noValidate>
      <FormError error={update.error} />
      <fieldset>
        <legend>{t('users.rolesOf', { name: user.fullName })}</legend>
        {ROLES.map((role) => (
          <label key={role} className="checkbox">
            <input type="checkbox" checked={roles.includes(role)} onChange={() => toggle(role)} /> {t(`roles.${role}`)}
          </label>
        ))}
        {fields.roles && <p className="field-error">{fields.roles}</p>}
      </fieldset>
      <button type="submit" disabled={update.isPending}>
        {t('users.saveRoles')}
      </button>
      {user.status === 'active' && (
        <button type="button" className="danger" disabled={update.isPending} onClick={() => setStatus('suspended')}>
          {t('users.suspend')}
        </button>
      )}
      {user.status === 'suspended' && (
        <button type="button" disabled={update.isPending} onClick={() => setStatus('active')}>
          {t('users.reactivate')}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => onDone('')}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

/** Every account: search, roles and suspension. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { data: states } = useMemberStates(currentLocale());
  const [draft, setDraft] = useState({ q: '', role: '', status: '', memberState: '' });
  const [filters, setFilters] = useState<UserFilters>({ limit: PAGE, offset: 0 });
  const [editing, setEditing] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const { data, isPending, error } = useUsers(filters);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const stateName = (code: string) => states?.find((state) => state.code === code)?.name ?? code;

  function search(event: FormEvent) {
    event.preventDefault();
    setFilters({
      limit: PAGE,
      offset: 0,
      ...(draft.q.trim() ? { q: draft.q.trim() } : {}),
      ...(draft.role ? { role: draft.role as Role } : {}),
      ...(draft.status ? { status: draft.status as UserStatus } : {}),
      ...(draft.memberState ? { memberState: draft.memberState } : {}),
    });
  }

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <form role="search" onSubmit={search} className="filters">
        <Field label={t('users.search')}>
          <input type="search" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </Field>
        <Field label={t('users.role')}>
          <select value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value })}>
            <option value="">{t('common.all')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('users.status')}>
          <select value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value })}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fields.memberState')}>
          <select value={draft.memberState} onChange={(event) => setDraft({ ...draft, memberState: event.target.value })}>
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
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <FormError error={error} />
      {isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : data && data.items.length === 0 ? (
        <p>{t('users.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.fullName')}</th>
                <th scope="col">{t('fields.memberState')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('vetting.registered')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    {user.fullName}
                    <br />
                    <span className="muted">{user.email}</span>
                  </th>
                  <td>{stateName(user.memberState)}</td>
                  <td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
                  <td>{t(`statuses.${user.status}`)}</td>
                  <td>{date.format(new Date(user.createdAt))}</td>
                  <td>
                    {editing === user.id ? (
                      <UserEditor
                        user={user}
                        onDone={(message) => {
                          setEditing(undefined);
                          setAnnouncement(message);
                        }}
                      />
                    ) : (
                      <button type="button" className="secondary" onClick={() => setEditing(user.id)}>
                        {t('users.edit')}
                        <span className="visually-hidden"> {user.fullName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (
        <Pagination total={data.total} limit={PAGE} offset={filters.offset} onChange={(offset) => setFilters({ ...filters, offset })} />
      )}
    </section>
  );
}
