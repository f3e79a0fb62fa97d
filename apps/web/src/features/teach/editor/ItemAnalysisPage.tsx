import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { lessonsInOrder, useCourse } from '../../../api/courses/use-course';
import { useItemAnalysis, type ItemAnalysis } from '../../../api/learning/use-item-analysis';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { numberFormat } from '../../../intl';
import { NotFoundPage } from '../../shell/NotFoundPage';

type Item = ItemAnalysis['questions'][number];

/** The options and how often each was chosen (ordering: put in place; matching: paired rightly), the right ones said in words. */
function OptionsChosen({ item }: { item: Item }) {
  const { t, i18n } = useTranslation('courses');
  const number = numberFormat(i18n.language);
  if (item.options.length === 0) return <span className="muted">—</span>;
  const choice = item.type === 'single' || item.type === 'multiple' || item.type === 'true_false';
  return (
    <ul className="plain">
      {item.options.map((option) => (
        <li key={option.id}>
          {option.text}: {number.format(option.chosen)}
          {choice && option.correct && <strong> ({t('analysis.rightOption')})</strong>}
        </li>
      ))}
    </ul>
  );
}

/** A flag in words, so a flagged row does not rest on its colour. */
function flagText(flag: NonNullable<Item['flag']>, t: (key: string) => string): string {
  if (flag === 'all_correct') return t('analysis.allCorrect');
  if (flag === 'all_wrong') return t('analysis.allWrong');
  return t('analysis.lowDiscrimination');
}

function ItemRow({ item, index }: { item: Item; index: number }) {
  const { t, i18n } = useTranslation('courses');
  const number = numberFormat(i18n.language);
  const percent = numberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = numberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <tr className={item.flag ? 'flagged' : undefined}>
      <th scope="row">
        {number.format(index + 1)}. {item.prompt}
        <span className="muted">
          {' '}
          · {t(`questionTypes.${item.type}`)}
          {item.topic && <> · {item.topic}</>}
        </span>
      </th>
      <td data-label={t('analysis.drawn')}>{number.format(item.drawn)}</td>
      <td data-label={t('analysis.correctShare')}>{item.correctShare === null ? '—' : percent.format(item.correctShare)}</td>
      <td data-label={t('analysis.discrimination')}>
        {item.discrimination === null ? <span className="muted">{t('analysis.tooFew')}</span> : decimal.format(item.discrimination)}
      </td>
      <td data-label={t('analysis.options')}>
        <OptionsChosen item={item} />
      </td>
      <td data-label={t('analysis.flag')}>{item.flag && <strong className="flag">⚑ {flagText(item.flag, t)}</strong>}</td>
    </tr>
  );
}

/**
 * Item analysis of one quiz for its trainers: per question of the pool, how often it was drawn,
 * the share right, how well it separates stronger from weaker learners, and what was chosen;
 * questions everyone gets right or wrong (or that do not discriminate) flagged in words.
 */
export function ItemAnalysisPage() {
  const { t, i18n } = useTranslation('courses');
  const { courseId = '', lessonId = '' } = useParams();
  const course = useCourse(courseId);
  const analysis = useItemAnalysis(lessonId);
  const lesson = course.data && lessonsInOrder(course.data).find((l) => l.id === lessonId);
  usePageTitle(lesson ? t('analysis.heading', { title: lesson.title }) : undefined);
  if (course.isPending || analysis.isPending) return <Loading />;
  const notFound = [course.error, analysis.error].some((e) => e instanceof ApiError && (e.status === 404 || e.status === 409));
  if (notFound || (course.data && (!course.data.canEdit || !lesson))) return <NotFoundPage />;
  if (!course.data || !analysis.data || !lesson) return <FormError error={course.error ?? analysis.error} />;
  const data = analysis.data;
  return (
    <div className="editor item-analysis">
      <p className="muted">
        <Link to={`/teach/${course.data.id}`}>{t('editor.heading', { title: course.data.title })}</Link>
      </p>
      <h1>{t('analysis.heading', { title: lesson.title })}</h1>
      <p>{t('analysis.over', { attempts: numberFormat(i18n.language).format(data.attempts) })}</p>
      <p className="muted">{t('analysis.explain')}</p>
      <div className="table-scroll">
        <table className="table-cards">
          <caption className="visually-hidden">{t('analysis.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analysis.question')}</th>
              <th scope="col">{t('analysis.drawn')}</th>
              <th scope="col">{t('analysis.correctShare')}</th>
              <th scope="col">{t('analysis.discrimination')}</th>
              <th scope="col">{t('analysis.options')}</th>
              <th scope="col">{t('analysis.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {data.questions.map((item, index) => (
              <ItemRow key={item.questionId} item={item} index={index} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
