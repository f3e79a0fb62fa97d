import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AUDIT_PAGE_SIZE, auditExportUrl, useAuditEvents } from '../../../api/admin/use-audit-events';
import type { Schemas } from '../../../api/client';
import { AsyncTable } from '../../../components/Async';
import { ErrorScope } from '../../../components/Form';
import { Pagination } from '../../../components/Pagination';
import { usePageTitle } from '../../../components/use-page-title';
import { dateFormat } from '../../../intl';
import { auditQueryOf, filtersFromSearch, filtersToSearch, offsetFromSearch } from './audit-filters';
import { AuditFiltersForm } from './AuditFiltersForm';

type AuditEvent = Schemas['AuditEventDto'];

/** The event's details, compact: `key: value` pairs, values as JSON when they are not text. */
function details(data: AuditEvent['data']): string {
  return Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

function AuditCells({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation('admin');
  const when = dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <>
      <th scope="row">
        <time dateTime={event.createdAt}>{when.format(new Date(event.createdAt))}</time>
      </th>
      <td>
        {event.actorId ? (
          <>
            <bdi>{event.actorName ?? ''}</bdi>
            <br />
            <bdi className="muted" dir="ltr">
              {event.actorEmail ?? event.actorId}
            </bdi>
          </>
        ) : (
          t('audit.system')
        )}
      </td>
      <td>
        <code dir="ltr">{event.action}</code>
      </td>
      <td>
        <bdi dir="ltr">
          {event.subjectType} {event.subjectId}
        </bdi>
      </td>
      <td className="audit-details">
        <bdi dir="ltr">{details(event.data)}</bdi>
      </td>
    </>
  );
}

/** Admins: the audit trail, filtered by who did what to what and when, on screen and as CSV. */
export function AuditPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const offset = offsetFromSearch(params);
  const query = auditQueryOf(filters);
  const events = useAuditEvents(query, offset);

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <ErrorScope error={events.error}>
        <AuditFiltersForm initial={filters} onApply={(next) => setParams(filtersToSearch(next))} />
      </ErrorScope>
      <p className="actions">
        <a className="button" href={auditExportUrl(query)} download>
          {t('audit.downloadCsv')}
        </a>
        <span role="status" className="muted">
          {events.isFetching ? t('common.loading') : events.data ? t('audit.count', { count: events.data.total }) : ''}
        </span>
      </p>
      <AsyncTable
        query={events}
        caption={t('audit.title')}
        empty={t('audit.empty')}
        columns={[t('audit.when'), t('audit.actor'), t('audit.action'), t('audit.subject'), t('audit.details')]}
        cardsOnPhones
        rowKey={(event) => event.id}
        row={(event) => <AuditCells event={event} />}
      />
      {events.data && (
        <Pagination
          total={events.data.total}
          limit={AUDIT_PAGE_SIZE}
          offset={offset}
          onChange={(next) => setParams(filtersToSearch(filters, next))}
        />
      )}
    </section>
  );
}
