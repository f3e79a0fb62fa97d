import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserStatus } from '@ctlp/contracts';
import type { User } from '../../api/client';
import { useMemberStateName } from '../../api/member-states/use-member-states';
import { useApproveRegistrations } from '../../api/registrations/use-approve-registrations';
import { useDecideRegistration } from '../../api/registrations/use-decide-registration';
import { useUndoDecisions } from '../../api/registrations/use-undo-decisions';
import { REGISTRATIONS_PAGE_SIZE, useRegistrations } from '../../api/registrations/use-registrations';
import { AsyncTable } from '../../components/Async';
import { useConfirm, useToast } from '../../components/Feedback';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination } from '../../components/Pagination';
import { useErrorText } from '../../components/use-error-text';
import { usePageTitle } from '../../components/use-page-title';
import { RejectForm } from './RejectForm';
import { dateFormat, listFormat } from '../../intl';

const FILTERS: UserStatus[] = ['pending', 'active', 'rejected'];

/** What a row tells the page once its registration is decided: a message, and which row it was. */
type Decided = (message: string, userId: string) => void;

/** The registrations ticked for approving together. */
interface Selection {
  has: (userId: string) => boolean;
  toggle: (userId: string, selected: boolean) => void;
}

/** Approve after confirming, or open the form to reject with a reason; `onDecided` tells the page. */
function Decision({ user, onDecided, selection }: { user: User; onDecided: Decided; selection: Selection }) {
  const { t } = useTranslation();
  const decide = useDecideRegistration();
  const confirm = useConfirm();
  const [rejecting, setRejecting] = useState(false);
  if (rejecting) {
    return (
      <RejectForm
        user={user}
        onCancel={() => setRejecting(false)}
        onDone={() => {
          setRejecting(false);
          onDecided(t('vetting.rejected', { name: user.fullName }), user.id);
        }}
      />
    );
  }
  async function approve() {
    const yes = await confirm({
      title: t('vetting.approveTitle', { name: user.fullName }),
      body: t('vetting.approveBody', { name: user.fullName }),
      confirmLabel: t('vetting.approve'),
    });
    if (!yes) return;
    // The row leaves the list once the decision is made: the page, not the row, says so.
    await decide.mutateAsync({ userId: user.id, kind: 'approve' }).then(
      () => onDecided(t('vetting.approved', { name: user.fullName }), user.id),
      () => undefined, // shown by the FormError below
    );
  }
  return (
    <div className="row-actions">
      <label className="select-row">
        <input type="checkbox" checked={selection.has(user.id)} onChange={(event) => selection.toggle(user.id, event.target.checked)} />
        {t('vetting.select')}
        <span className="visually-hidden"> {user.fullName}</span>
      </label>
      <button type="button" disabled={decide.isPending} onClick={() => void approve()}>
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

function RegistrationCells({
  user,
  status,
  onDecided,
  selection,
}: {
  user: User;
  status: UserStatus;
  onDecided: Decided;
  selection: Selection;
}) {
  const { t, i18n } = useTranslation();
  const stateName = useMemberStateName();
  const date = dateFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <>
      <th scope="row">
        <bdi>{user.fullName}</bdi>
        <br />
        <bdi className="muted">{user.email}</bdi>
        <br />
        {/* A focal point may decide either way; an unconfirmed address is worth a second look. */}
        <span className={user.emailConfirmedAt ? 'muted' : 'attention'}>
          {user.emailConfirmedAt ? t('vetting.emailConfirmed') : t('vetting.emailUnconfirmed')}
        </span>
      </th>
      <td>{stateName(user.memberState)}</td>
      <td>
        <bdi>{user.institution}</bdi>
      </td>
      <td>{t(`agencyTypes.${user.agencyType}`)}</td>
      <td>
        <bdi>{user.jobTitle}</bdi>
      </td>
      <td>{t(`genders.${user.gender}`)}</td>
      <td>{date.format(new Date(user.createdAt))}</td>
      <td>
        {status === 'pending' ? (
          <Decision user={user} onDecided={onDecided} selection={selection} />
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

/** Tells a decision in a toast whose Undo (within the server's window, before the mail goes) puts the registrations back. */
function useDecisionToast(): (message: string, userIds: string[], names: string[]) => void {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const undo = useUndoDecisions();
  const { errorText } = useErrorText();
  return (message, userIds, names) =>
    toast({
      message,
      tone: 'success',
      action: {
        label: t('vetting.undo'),
        run: () =>
          void undo.mutateAsync(userIds).then(
            () => toast({ message: t('vetting.undone', { names: listFormat(i18n.language, { type: 'conjunction' }).format(names) }) }),
            (error: unknown) => toast({ message: errorText(error), tone: 'error' }),
          ),
      },
    });
}

/** The focal point's queue: their own State's registrations (all States for an admin). */
export function VettingPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('vetting.title'));
  const [status, setStatus] = useState<UserStatus>('pending');
  const [offset, setOffset] = useState(0);
  const registrations = useRegistrations(status, REGISTRATIONS_PAGE_SIZE, offset);
  const heading = useRef<HTMLHeadingElement>(null);
  const table = useRef<HTMLDivElement>(null);
  // Where the decided rows stood, until the list without them is on screen.
  const [decidedAt, setDecidedAt] = useState<{ userIds: string[]; index: number }>();
  // The decision whose focus has moved already: a later refetch must not take the focus again.
  const focusedFor = useRef<object>(undefined);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const approveMany = useApproveRegistrations();
  const announce = useDecisionToast();
  const confirm = useConfirm();

  const items = registrations.data?.items;
  // Only rows on screen count as selected: a decided or paged-away row drops out of the selection.
  const chosen = (items ?? []).filter((user) => selected.has(user.id));
  const selection: Selection = {
    has: (userId) => selected.has(userId),
    toggle: (userId, on) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(userId);
        else next.delete(userId);
        return next;
      }),
  };
  const allChosen = !!items?.length && chosen.length === items.length;

  useEffect(() => {
    if (!decidedAt || decidedAt === focusedFor.current || !items || items.some((user) => decidedAt.userIds.includes(user.id))) return;
    focusedFor.current = decidedAt;
    // The next registration takes the decided one's place (the one before it, at the end of the
    // list); with none left, the heading: focus never falls back to the top of the document.
    const rows = table.current?.querySelectorAll('tbody tr') ?? [];
    const row = rows[Math.min(decidedAt.index, rows.length - 1)];
    const target = row?.querySelector<HTMLElement>('button') ?? heading.current;
    target?.focus();
  }, [decidedAt, items]);

  function onDecided(message: string, userIds: string[], names: string[]) {
    announce(message, userIds, names);
    const index = items?.findIndex((user) => userIds.includes(user.id)) ?? -1;
    setDecidedAt({ userIds, index: Math.max(index, 0) });
  }

  async function approveChosen() {
    const names = chosen.map((user) => user.fullName);
    const yes = await confirm({
      title: t('vetting.bulkTitle', { count: chosen.length }),
      body: (
        <>
          <p>{t('vetting.bulkBody')}</p>
          <ul>
            {names.map((name, index) => (
              <li key={index}>{name}</li>
            ))}
          </ul>
        </>
      ),
      confirmLabel: t('vetting.approveSelected', { count: chosen.length }),
    });
    if (!yes) return;
    const userIds = chosen.map((user) => user.id);
    await approveMany.mutateAsync(userIds).then(
      () => {
        setSelected(new Set());
        onDecided(t('vetting.bulkApproved', { names: listFormat(i18n.language, { type: 'conjunction' }).format(names) }), userIds, names);
      },
      () => undefined, // shown by the FormError above the table
    );
  }

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('vetting.title')}
      </h1>
      <p>{t('vetting.intro')}</p>
      <Field label={t('vetting.show')}>
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as UserStatus);
            setOffset(0);
            setSelected(new Set());
          }}
        >
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`statuses.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      {status === 'pending' && !!items?.length && (
        <div className="bulk-actions">
          <label className="select-row">
            <input
              type="checkbox"
              checked={allChosen}
              onChange={(event) => setSelected(new Set(event.target.checked ? items.map((user) => user.id) : []))}
            />
            {t('vetting.selectAll')}
          </label>
          <button type="button" disabled={!chosen.length || approveMany.isPending} onClick={() => void approveChosen()}>
            {t('vetting.approveSelected', { count: chosen.length })}
          </button>
          <FormError error={approveMany.error} />
        </div>
      )}
      <div ref={table}>
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
          cardsOnPhones
          rowKey={(user) => user.id}
          row={(user) => (
            <RegistrationCells
              user={user}
              status={status}
              onDecided={(message, userId) => onDecided(message, [userId], [user.fullName])}
              selection={selection}
            />
          )}
        />
      </div>
      {registrations.data && (
        <Pagination total={registrations.data.total} limit={REGISTRATIONS_PAGE_SIZE} offset={offset} onChange={setOffset} />
      )}
    </section>
  );
}
