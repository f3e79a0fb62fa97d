import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { numberFormat } from '../../../intl';

type Results = Schemas['EvaluationResultsDto'];

const RATINGS = [1, 2, 3, 4, 5] as const;
type ItemResult = Schemas['EvaluationItemResultDto'];

function LikertResult({ item, lang }: { item: ItemResult; lang: { lang: string; dir: 'ltr' | 'rtl' } }) {
  const { t, i18n } = useTranslation('courses');
  const count = numberFormat(i18n.language);
  const mean = numberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <table>
      <caption {...lang}>{item.prompt}</caption>
      <thead>
        <tr>
          {RATINGS.map((rating) => (
            <th scope="col" key={rating}>
              {t(`evaluation.scale.${rating}`)}
            </th>
          ))}
          <th scope="col">{t('evaluationResults.answers')}</th>
          <th scope="col">{t('evaluationResults.mean')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          {(item.distribution ?? []).map((n, index) => (
            <td key={index} className="number">
              {count.format(n)}
            </td>
          ))}
          <td className="number">{count.format(item.count ?? 0)}</td>
          <td className="number">{item.mean == null ? '—' : mean.format(item.mean)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * What learners answered, once at least `threshold` of them have: below it the API sends no
 * figure and no text, and the page says why.
 */
export function EvaluationResults({ results, lang }: { results: Results; lang: { lang: string; dir: 'ltr' | 'rtl' } }) {
  const { t, i18n } = useTranslation('courses');
  const count = numberFormat(i18n.language);
  return (
    <section aria-labelledby="evaluation-results-heading">
      <h2 id="evaluation-results-heading">{t('evaluationResults.title')}</h2>
      {!results.shown ? (
        <p className="notice">{t('evaluationResults.hidden', { n: count.format(results.threshold) })}</p>
      ) : (
        <>
          <p>{t('evaluationResults.responses', { n: results.responses ?? 0, count: count.format(results.responses ?? 0) })}</p>
          {results.items.map((item) =>
            item.kind === 'likert' ? (
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable (WCAG 2.1.1)
              <div key={item.id} className="table-scroll" role="region" aria-label={item.prompt} tabIndex={0}>
                <LikertResult item={item} lang={lang} />
              </div>
            ) : (
              <section key={item.id} className="evaluation-texts">
                <h3 {...lang}>{item.prompt}</h3>
                {item.texts?.length ? (
                  <ul>
                    {item.texts.map((text, index) => (
                      <li key={index}>{text}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('evaluationResults.noText')}</p>
                )}
              </section>
            ),
          )}
        </>
      )}
    </section>
  );
}
