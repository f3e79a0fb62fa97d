import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { numberFormat } from '../../intl';

type Gain = Schemas['KnowledgeGainDto'];
type Figures = Schemas['KnowledgeGainFiguresDto'];

/** Learners as a count ("<5" when suppressed), means in points to one decimal, in the reader's digits. */
function useFigures() {
  const { i18n } = useTranslation();
  const count = numberFormat(i18n.language);
  const points = numberFormat(i18n.language, { maximumFractionDigits: 1 });
  const gain = numberFormat(i18n.language, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return (row: Figures) => [
    typeof row.learners === 'number' ? count.format(row.learners) : row.learners,
    row.meanPre == null ? '—' : points.format(row.meanPre),
    row.meanPost == null ? '—' : points.format(row.meanPost),
    row.meanGain == null ? '—' : gain.format(row.meanGain),
  ];
}

function GainTable({
  caption,
  heading,
  rows,
  total,
}: {
  caption: string;
  heading: string;
  rows: Array<{ key: string; name: string; figures: Figures }>;
  total: Figures;
}) {
  const { t } = useTranslation('courses');
  const figures = useFigures();
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable (WCAG 2.1.1)
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">{t('knowledgeGain.learners')}</th>
            <th scope="col">{t('knowledgeGain.meanPre')}</th>
            <th scope="col">{t('knowledgeGain.meanPost')}</th>
            <th scope="col">{t('knowledgeGain.meanGain')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {figures(row.figures).map((cell, index) => (
                <td key={index} className="number">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            {figures(total).map((cell, index) => (
              <td key={index} className="number">
                {cell}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * What learners knew before a course and after it (first attempts at its pre-test and post-test),
 * per course and per Member State, for the learners who took both.
 */
export function KnowledgeGain({ gain }: { gain: Gain }) {
  const { t } = useTranslation('courses');
  return (
    <section aria-labelledby="gain-heading">
      <h2 id="gain-heading">{t('knowledgeGain.title')}</h2>
      <p className="muted">{t('knowledgeGain.definition')}</p>
      {gain.byCourse.length === 0 ? (
        <p>{t('knowledgeGain.none')}</p>
      ) : (
        <>
          <GainTable
            caption={t('knowledgeGain.byCourse')}
            heading={t('reports.course')}
            rows={gain.byCourse.map((row) => ({ key: row.courseId, name: row.title, figures: row }))}
            total={gain.total}
          />
          <GainTable
            caption={t('knowledgeGain.byState')}
            heading={t('reports.memberState')}
            rows={gain.byState.map((row) => ({ key: row.memberState, name: row.name, figures: row }))}
            total={gain.total}
          />
        </>
      )}
    </section>
  );
}
