import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserStatus } from '@ctlp/contracts';
import { ApiError, type User } from '../../api/client';
import { useMemberStates } from '../../api/use-member-states';
import { useDecideRegistration, useRegistrations } from '../../api/use-registrations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination } from '../../components/Pagination';
import { currentLocale } from '../../i18n';

const PAGE = 25;
const FILTERS: UserStatus[] = ['pending', 'active', 'rejected'];

function RejectForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideRegistration();
  const [reason, setReason] = useState('');
  const fields = decide.error instanceof ApiError ? decide.error.fields : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    decide.mutate({ userId: user.id, kind: 'reject', reason }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <FormError error={decide.error} />
      <Field label={t('vetting.reason', { name: user.fullName })} hint={t('vetting.reasonHint')} error={fields.reason}>
        <textarea required rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={decide.isPending}>
        {t('vetting.confirmReject')}
      </button>
      <button type="button" className="secondary" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

/** The focal point's queue: their own State's registrations (all States for an admin). */
export function VettingPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<UserStatus>('pending');
  const [offset, setOffset] = useState(0);
  const [rejecting, setRejecting] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const { data, isPending, error } = useRegistrations(status, PAGE, offset);
  const { data: states } = useMemberStates(currentLocale());
  const decide = useDecideRegistration();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const stateName = (code: string) => states?.find((state) => state.code === code)?.name ?? code;

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
      <FormError error={error ?? decide.error} />
      {isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : data && data.items.length === 0 ? (
        <p>{t('vetting.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('vetting.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.fullName')}</th>
                <th scope="col">{t('fields.memberState')}</th>
                <th scope="col">{t('fields.institution')}</th>
                <th scope="col">{t('fields.agencyType')}</th>
                <th scope="col">{t('fields.jobTitle')}</th>
                <th scope="col">{t('fields.gender')}</th>
                <th scope="col">{t('vetting.registered')}</th>
                <th scope="col">{status === 'pending' ? t('vetting.decision') : t('vetting.decided')}</th>
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
                  <td>{user.institution}</td>
                  <td>{t(`agencyTypes.${user.agencyType}`)}</td>
                  <td>{user.jobTitle}</td>
                  <td>{t(`genders.${user.gender}`)}</td>
                  <td>{date.format(new Date(user.createdAt))}</td>
                  <td>
                    {status !== 'pending' ? (
                      <>
                        {user.vettedAt ? date.format(new Date(user.vettedAt)) : '—'}
                        {user.rejectionReason && <p className="muted">{user.rejectionReason}</p>}
                      </>
                    ) : rejecting === user.id ? (
                      <RejectForm
                        user={user}
                        onDone={() => {
                          setRejecting(undefined);
                          setAnnouncement(t('vetting.rejected', { name: user.fullName }));
                        }}
                      />
                    ) : (
                      <div className="row-actions">
                        <button
                          type="button"
                          disabled={decide.isPending}
                          onClick={() =>
                            decide.mutate(
                              { userId: user.id, kind: 'approve' },
                              { onSuccess: () => setAnnouncement(t('vetting.approved', { name: user.fullName })) },
                            )
                          }
                        >
                          {t('vetting.approve')}
                          <span className="visually-hidden"> {user.fullName}</span>
                        </button>
                        <button type="button" className="secondary" onClick={() => setRejecting(user.id)}>
                          {t('vetting.reject')}
                          <span className="visually-hidden"> {user.fullName}</span>
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pagination total={data.total} limit={PAGE} offset={offset} onChange={setOffset} />}
    </section>
  );
}
