import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@ctlp/contracts';
import type { User } from '../../api/client';
import { useUpdateUser } from '../../api/users/use-update-user';
import { FieldErrorMessage } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';

/** An account's roles, and suspending or reactivating it. */
export function UserEditor({ user, onDone }: { user: User; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const toggle = (role: Role) => setRoles(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);
  // The row may leave the filtered list with the change: the page is told all the same.
  const send = (body: { roles: Role[] } | { status: 'active' | 'suspended' }) =>
    update.mutateAsync({ id: user.id, body }).then(
      () => onDone(t('users.saved', { name: user.fullName })),
      () => undefined, // shown by the FormError
    );

  function save(event: FormEvent) {
    event.preventDefault();
    void send({ roles });
  }

  return (
    <Form error={update.error} onSubmit={save} className="inline-form">
      <FormError />
      <fieldset>
        <legend>{t('users.rolesOf', { name: user.fullName })}</legend>
        {ROLES.map((role) => (
          <label key={role} className="checkbox">
            <input type="checkbox" checked={roles.includes(role)} onChange={() => toggle(role)} /> {t(`roles.${role}`)}
          </label>
        ))}
        <FieldErrorMessage name="roles" />
        <FieldErrorMessage name="status" />
      </fieldset>
      <button type="submit" disabled={update.isPending}>
        {t('users.saveRoles')}
      </button>
      {user.status === 'active' && (
        <button type="button" className="danger" disabled={update.isPending} onClick={() => void send({ status: 'suspended' })}>
          {t('users.suspend')}
        </button>
      )}
      {user.status === 'suspended' && (
        <button type="button" disabled={update.isPending} onClick={() => void send({ status: 'active' })}>
          {t('users.reactivate')}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => onDone('')}>
        {t('common.cancel')}
      </button>
    </Form>
  );
}
