import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { useApiTokens } from '../../../api/tokens/use-api-tokens';
import { useCreateApiToken } from '../../../api/tokens/use-create-api-token';
import { useRevokeApiToken } from '../../../api/tokens/use-revoke-api-token';
import { AsyncTable } from '../../../components/Async';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { dateFormat } from '../../../intl';

const DAY_MS = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The expiry dates the API accepts (UTC days): tomorrow up to a year from today. */
function expiryBounds(now: number) {
  const inAYear = new Date(now);
  inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
  return { min: utcDay(now + DAY_MS), max: utcDay(inAYear.getTime()), initial: utcDay(now + 90 * DAY_MS) };
}

/** The token, once: copy it now, with a command that uses it. */
function NewToken({ created, onDone }: { created: Schemas['CreatedApiTokenDto']; onDone: () => void }) {
  const { t } = useTranslation('account');
  const [copied, setCopied] = useState(false);
  const example = `curl -H "Authorization: Bearer ${created.token}" \\\n  "${window.location.origin}/api/reports/member-states?format=csv" -o report.csv`;
  return (
    <div className="panel new-token" role="region" aria-labelledby="new-token-title">
      <h3 id="new-token-title">{t('apiTokens.createdTitle', { name: created.name })}</h3>
      <p className="notice">{t('apiTokens.onlyOnce')}</p>
      <Field label={t('apiTokens.token')}>
        <input type="text" readOnly dir="ltr" value={created.token} onFocus={(event) => event.target.select()} />
      </Field>
      <p className="actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(created.token).then(() => setCopied(true));
          }}
        >
          {t('apiTokens.copy')}
        </button>
        <span role="status">{copied ? t('apiTokens.copied') : ''}</span>
      </p>
      <p>{t('apiTokens.exampleIntro')}</p>
      <pre dir="ltr" className="code-example">
        <code>{example}</code>
      </pre>
      <button type="button" className="secondary" onClick={onDone}>
        {t('apiTokens.done')}
      </button>
    </div>
  );
}

/** Admins' and focal points' personal API tokens: create one for a script, see them, revoke them. */
export function ApiTokens() {
  const { t, i18n } = useTranslation('account');
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  // The moment the section opened: the expiry bounds and "expired" are read against it.
  const [now] = useState(() => Date.now());
  const bounds = expiryBounds(now);
  const [draft, setDraft] = useState({ name: '', expiresAt: bounds.initial });
  const [created, setCreated] = useState<Schemas['CreatedApiTokenDto']>();
  const [revoked, setRevoked] = useState(false);
  const day = dateFormat(i18n.language, { dateStyle: 'medium' });
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRevoked(false);
    create.mutate(
      { name: draft.name, scopes: ['reports:read'], expiresAt: draft.expiresAt },
      {
        onSuccess: (token) => {
          setCreated(token);
          setDraft({ name: '', expiresAt: bounds.initial });
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="profile-api-tokens">
      <h2 id="profile-api-tokens">{t('apiTokens.title')}</h2>
      <p>{t('apiTokens.intro')}</p>
      {created && <NewToken created={created} onDone={() => setCreated(undefined)} />}
      <Form error={create.error} onSubmit={submit} aria-labelledby="api-token-create">
        <h3 id="api-token-create">{t('apiTokens.create')}</h3>
        <FormError />
        <Field label={t('apiTokens.name')} name="name" hint={t('apiTokens.nameHint')}>
          <input type="text" required maxLength={100} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('apiTokens.expiresAt')} name="expiresAt" hint={t('apiTokens.expiresHint')}>
          <input
            type="date"
            required
            min={bounds.min}
            max={bounds.max}
            value={draft.expiresAt}
            onChange={(e) => setDraft({ ...draft, expiresAt: e.target.value })}
          />
        </Field>
        <button type="submit" disabled={create.isPending}>
          {t('apiTokens.submit')}
        </button>
      </Form>
      <Notice message={revoked ? t('apiTokens.revoked') : undefined} />
      <FormError error={revoke.error} />
      <AsyncTable
        cardsOnPhones
        query={tokens}
        caption={t('apiTokens.title')}
        empty={t('apiTokens.empty')}
        columns={[
          t('apiTokens.name'),
          t('apiTokens.prefix'),
          t('apiTokens.created'),
          t('apiTokens.lastUsed'),
          t('apiTokens.expires'),
          t('apiTokens.actions'),
        ]}
        rowKey={(token) => token.id}
        row={(token) => (
          <>
            <th scope="row">
              <bdi>{token.name}</bdi>
            </th>
            <td>
              <code dir="ltr">{token.prefix}…</code>
            </td>
            <td>{day.format(new Date(token.createdAt))}</td>
            <td>{token.lastUsedAt ? when.format(new Date(token.lastUsedAt)) : t('apiTokens.never')}</td>
            <td>
              {day.format(new Date(token.expiresAt))}
              {Date.parse(token.expiresAt) <= now && <> ({t('apiTokens.expired')})</>}
            </td>
            <td>
              <button
                type="button"
                className="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(token.id, { onSuccess: () => setRevoked(true) })}
              >
                {t('apiTokens.revoke')}
                <span className="visually-hidden"> {token.name}</span>
              </button>
            </td>
          </>
        )}
      />
    </section>
  );
}
