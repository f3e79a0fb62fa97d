import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/me/use-me';
import { reportDownloadUrl, useMemberStateReport } from '../../api/reports/use-member-state-report';
import { ErrorScope } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { usePageTitle } from '../../components/use-page-title';
import { currentLocale } from '../../i18n';
import { KnowledgeGain } from './KnowledgeGain';
import { MonthsChart } from './MonthsChart';
import { filtersFromSearch, filtersToSearch, reportQueryOf } from './report-filters';
import { ReportFiltersForm } from './ReportFiltersForm';
import { ReportHeadline } from './ReportHeadline';
import { ReportTable, TopStates } from './ReportTable';

/**
 * Admins and focal points: training counts per Member State, on screen and as files. Every
 * filter lives in the address, so a report can be bookmarked and shared, and back goes back.
 */
export function ReportsPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('reports.title'));
  const { data: me } = useMe();
  const isAdmin = me?.roles.includes('admin') ?? false;
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const query = reportQueryOf(filters, currentLocale());
  const { data, error, isFetching } = useMemberStateReport(query);

  return (
    <section>
      <h1>{t('reports.title')}</h1>
      {!isAdmin && me && <p className="notice">{t('reports.ownStateOnly')}</p>}
      <ErrorScope error={error}>
        <ReportFiltersForm initial={filters} isAdmin={isAdmin} onApply={(next) => setParams(filtersToSearch(next))} />
        <FormError />
      </ErrorScope>
      <p className="actions">
        <a className="button" href={reportDownloadUrl(query, 'xlsx')} download>
          {t('reports.downloadXlsx')}
        </a>
        <a className="button" href={reportDownloadUrl(query, 'csv')} download>
          {t('reports.downloadCsv')}
        </a>
        <span role="status" className="muted">
          {isFetching ? t('common.loading') : ''}
        </span>
      </p>
      {data && data.rows.length === 0 && (
        // Nothing counted: say so once, rather than a chart of empty months and a row of zeros.
        <div className="empty-state">
          <p className="empty-state-title">{t('reports.empty')}</p>
          <p>{t('reports.emptyHint')}</p>
        </div>
      )}
      {data && data.rows.length > 0 && (
        <>
          <ReportHeadline headline={data.headline} />
          <MonthsChart months={data.months} source={data.filters.source} />
          <TopStates rows={data.rows} />
          <ReportTable report={data} />
        </>
      )}
      {data && <KnowledgeGain gain={data.knowledgeGain} />}
    </section>
  );
}
