import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, M49_REGIONS } from '@ctlp/contracts';
import { useMyCourses } from '../../api/courses/use-my-courses';
import { Field } from '../../components/Field';
import { TopicSelect } from '../../components/Topics';
import { endAfter, lastDayCounted, REPORT_SOURCES, type ReportFilters } from './report-filters';

interface ReportFiltersFormProps {
  /** The filters the address holds; the form starts from them again whenever they change. */
  initial: ReportFilters;
  isAdmin: boolean;
  onApply: (filters: ReportFilters) => void;
}

const sameFilters = (a: ReportFilters, b: ReportFilters) =>
  (Object.keys(a) as Array<keyof ReportFilters>).every((key) => a[key] === b[key]);

/** The report's period and filters; course and region are for admins, who see every State. */
export function ReportFiltersForm({ initial, isAdmin, onApply }: ReportFiltersFormProps) {
  const { t } = useTranslation('courses');
  const { data: courses } = useMyCourses(isAdmin);
  const [draft, setDraft] = useState(initial);
  // Back, forward or a link change the address: the form shows what it now says. (Adjusting state
  // during render rather than remounting keeps the focus where it is.)
  const [shown, setShown] = useState(initial);
  if (!sameFilters(shown, initial)) {
    setShown(initial);
    setDraft(initial);
  }
  const set = (key: keyof ReportFilters) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  function apply(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="filters" onSubmit={apply} noValidate>
      <Field label={t('reports.from')} name="from">
        <input type="date" value={draft.from} onChange={set('from')} />
      </Field>
      <Field label={t('reports.to')} name="to">
        <input
          type="date"
          value={lastDayCounted(draft.to)}
          onChange={(event) => setDraft({ ...draft, to: event.target.value && endAfter(event.target.value) })}
        />
      </Field>
      {isAdmin && (
        <Field label={t('reports.course')} name="courseId">
          <select value={draft.courseId} onChange={set('courseId')}>
            <option value="">{t('common.all')}</option>
            {courses?.items.map((course) => (
              <option key={course.id} value={course.id}>
                {course.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('reports.topic')} name="topic">
        <TopicSelect value={draft.topic} onChange={(topic) => setDraft({ ...draft, topic })} />
      </Field>
      <Field label={t('reports.source')} name="source">
        <select value={draft.source} onChange={set('source')}>
          <option value="">{t('reports.sources.all')}</option>
          {REPORT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {t(`reports.sources.${source}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('reports.countCoursesBy')} name="countCoursesBy">
        <select value={draft.countCoursesBy} onChange={set('countCoursesBy')}>
          <option value="">{t('reports.countCourses.version')}</option>
          <option value="family">{t('reports.countCourses.family')}</option>
        </select>
      </Field>
      <Field label={t('reports.agencyType')} name="agencyType">
        <select value={draft.agencyType} onChange={set('agencyType')}>
          <option value="">{t('common.all')}</option>
          {AGENCY_TYPES.map((agency) => (
            <option key={agency} value={agency}>
              {t(`agencyTypes.${agency}`)}
            </option>
          ))}
        </select>
      </Field>
      {isAdmin && (
        <Field label={t('reports.region')} name="region">
          <select value={draft.region} onChange={set('region')}>
            <option value="">{t('common.all')}</option>
            {M49_REGIONS.map((region) => (
              <option key={region} value={region}>
                {t(`regions.${region}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('reports.suppressBelow')} name="suppressBelow" hint={t('reports.suppressHint')}>
        <input type="number" min={2} max={100} value={draft.suppressBelow} onChange={set('suppressBelow')} />
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.includeZero}
          onChange={(event) => setDraft({ ...draft, includeZero: event.target.checked })}
        />{' '}
        {t('reports.includeZero')}
      </label>
      <button type="submit">{t('reports.apply')}</button>
    </form>
  );
}
