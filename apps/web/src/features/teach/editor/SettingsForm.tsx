import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, ENROLMENT_POLICIES, LOCALES, type AgencyType, type EnrolmentPolicy, type Locale } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import { useUpdateCourse } from '../../../api/courses/use-course-edits';
import type { Course } from '../../../api/courses/use-course';
import { useCatalog } from '../../../api/courses/use-catalog';
import { useMemberStates } from '../../../api/member-states/use-member-states';
import { Field, FieldErrorMessage } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { TopicCheckboxes } from '../../../components/Topics';
import { LANGUAGE_NAMES } from '../../../i18n';
import { MarkdownField } from './MarkdownField';
import { SaveStatus, useReportUnsaved } from './SaveStatus';
import { useAutosave } from './use-autosave';

function draftOf(course: Course) {
  return {
    title: course.title,
    summary: course.summary,
    description: course.description,
    language: course.language,
    topics: course.topics,
    estimatedMinutes: course.estimatedMinutes,
    enrolmentPolicy: course.enrolmentPolicy,
    memberStates: course.audience.memberStates,
    agencyTypes: course.audience.agencyTypes,
    certificateEnabled: course.certificate.enabled,
    validityMonths: course.certificate.validityMonths,
    sequential: course.sequential,
    prerequisites: course.prerequisites.map((p) => p.id),
  };
}
type Draft = ReturnType<typeof draftOf>;

/**
 * The topics go only when changed: a course may keep a slug from before the vocabulary, which the
 * API no longer takes, and saving its other settings must not fail on it.
 */
function bodyOf(draft: Draft, course: Course): Schemas['UpdateCourseDto'] {
  const topicsChanged = draft.topics.join() !== course.topics.join();
  const prerequisitesChanged = draft.prerequisites.join() !== course.prerequisites.map((p) => p.id).join();
  return {
    title: draft.title,
    summary: draft.summary,
    description: draft.description,
    language: draft.language,
    ...(topicsChanged ? { topics: draft.topics as Schemas['Topic'][] } : {}),
    estimatedMinutes: draft.estimatedMinutes,
    enrolmentPolicy: draft.enrolmentPolicy,
    audience: { memberStates: draft.memberStates, agencyTypes: draft.agencyTypes },
    certificate: { enabled: draft.certificateEnabled, validityMonths: draft.validityMonths },
    sequential: draft.sequential,
    ...(prerequisitesChanged ? { prerequisites: draft.prerequisites } : {}),
  };
}

interface PartProps {
  draft: Draft;
  onChange: (draft: Draft) => void;
}

/** Who may see and join the course: Member States and agency types (none chosen: everyone). */
function AudienceFields({ draft, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  const { data: states } = useMemberStates();
  const toggleAgency = (agency: AgencyType) =>
    onChange({
      ...draft,
      agencyTypes: draft.agencyTypes.includes(agency) ? draft.agencyTypes.filter((a) => a !== agency) : [...draft.agencyTypes, agency],
    });
  return (
    <fieldset>
      <legend>{t('editor.audience')}</legend>
      <p className="field-hint">{t('editor.audienceHint')}</p>
      <FieldErrorMessage name="audience" />
      <Field label={t('editor.audienceStates')} name="audience.memberStates" hint={t('editor.audienceStatesHint')}>
        <select
          multiple
          size={6}
          value={draft.memberStates}
          onChange={(event) => onChange({ ...draft, memberStates: [...event.target.selectedOptions].map((option) => option.value) })}
        >
          {states?.map((state) => (
            <option key={state.code} value={state.code}>
              {state.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t('editor.audienceAgencies')}</legend>
        <FieldErrorMessage name="audience.agencyTypes" />
        {AGENCY_TYPES.map((agency) => (
          <label key={agency} className="checkbox">
            <input type="checkbox" checked={draft.agencyTypes.includes(agency)} onChange={() => toggleAgency(agency)} />{' '}
            {t(`agencyTypes.${agency}`)}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}

function CertificateFields({ draft, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  return (
    <fieldset id="fix-certificate">
      <legend>{t('editor.certificate')}</legend>
      <FieldErrorMessage name="certificate" />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.certificateEnabled}
          onChange={(event) => onChange({ ...draft, certificateEnabled: event.target.checked })}
        />{' '}
        {t('editor.certificateEnabled')}
      </label>
      <Field label={t('editor.validity')} name="certificate.validityMonths" hint={t('editor.validityHint')}>
        <input
          type="number"
          min={1}
          max={240}
          value={draft.validityMonths ?? ''}
          onChange={(event) => onChange({ ...draft, validityMonths: event.target.value === '' ? null : Number(event.target.value) })}
        />
      </Field>
    </fieldset>
  );
}

/** Lessons in order, and the published courses to complete before this one. */
function OrderFields({ draft, onChange, course }: PartProps & { course: Course }) {
  const { t } = useTranslation('courses');
  const { data: catalog } = useCatalog({ limit: 100, offset: 0 });
  // The courses already required stay offered even when the first catalog page misses them.
  const options = new Map(course.prerequisites.map((p) => [p.id, p.title]));
  for (const item of catalog?.items ?? []) if (item.id !== course.id) options.set(item.id, item.title);
  return (
    <fieldset id="fix-prerequisites">
      <legend>{t('order.settings')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={draft.sequential} onChange={(event) => onChange({ ...draft, sequential: event.target.checked })} />{' '}
        {t('order.sequential')}
      </label>
      <p className="field-hint">{t('order.sequentialHint')}</p>
      <Field label={t('order.prerequisites')} name="prerequisites" hint={t('order.prerequisitesHint')}>
        <select
          multiple
          size={6}
          value={draft.prerequisites}
          onChange={(event) => onChange({ ...draft, prerequisites: [...event.target.selectedOptions].map((option) => option.value) })}
        >
          {[...options].map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}

/** Language, time and enrolment policy, side by side. */
function FactsFields({ draft, onChange }: PartProps) {
  const { t } = useTranslation('courses');
  return (
    <div className="filters">
      <Field label={t('editor.language')} name="language">
        <select value={draft.language} onChange={(event) => onChange({ ...draft, language: event.target.value as Locale })}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LANGUAGE_NAMES[locale]}
            </option>
          ))}
        </select>
      </Field>
      <div id="fix-minutes">
        <Field label={t('editor.minutes')} name="estimatedMinutes">
          <input
            type="number"
            min={0}
            max={10000}
            value={draft.estimatedMinutes}
            onChange={(event) => onChange({ ...draft, estimatedMinutes: Number(event.target.value) })}
          />
        </Field>
      </div>
      <Field label={t('editor.policy')} name="enrolmentPolicy">
        <select
          value={draft.enrolmentPolicy}
          onChange={(event) => onChange({ ...draft, enrolmentPolicy: event.target.value as EnrolmentPolicy })}
        >
          {ENROLMENT_POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`enrolmentPolicies.${policy}`)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/**
 * The settings changed less often, folded away to keep the page short. A failed save opens them
 * all, so the message under a field is never hidden; a link to a field inside opens its group.
 */
function SettingsGroup({ summary, forceOpen, children }: { summary: string; forceOpen: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="settings-group" open={open || forceOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** A course's settings: what learners read about it, who may join, and its certificate; saved as they change. */
export function SettingsForm({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const update = useUpdateCourse();
  const [draft, setDraft] = useState(() => draftOf(course));
  const autosave = useAutosave(draft, (next) => update.mutateAsync({ id: course.id, body: bodyOf(next, course) }));
  useReportUnsaved('settings', autosave.state !== 'saved');
  const failed = autosave.state === 'failed';

  function save(event: FormEvent) {
    event.preventDefault();
    void autosave.flush();
  }

  return (
    <Form error={autosave.error} onSubmit={save} aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('editor.settings')}</h2>
      <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} />
      <FormError />
      <div id="fix-title">
        <Field label={t('editor.title')} name="title">
          <input value={draft.title} maxLength={200} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
        </Field>
      </div>
      <div id="fix-summary">
        <Field label={t('editor.summary')} name="summary">
          <textarea
            rows={2}
            maxLength={500}
            value={draft.summary}
            onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
          />
        </Field>
      </div>
      <FactsFields draft={draft} onChange={setDraft} />
      <TopicCheckboxes legend={t('editor.topics')} value={draft.topics} onChange={(topics) => setDraft({ ...draft, topics })} />
      <SettingsGroup summary={t('editor.description')} forceOpen={failed}>
        <MarkdownField
          label={t('editor.description')}
          name="description"
          value={draft.description}
          rows={8}
          onChange={(description) => setDraft({ ...draft, description })}
        />
      </SettingsGroup>
      <SettingsGroup summary={t('editor.audience')} forceOpen={failed}>
        <AudienceFields draft={draft} onChange={setDraft} />
      </SettingsGroup>
      <SettingsGroup summary={t('order.settings')} forceOpen={failed}>
        <OrderFields draft={draft} onChange={setDraft} course={course} />
      </SettingsGroup>
      <SettingsGroup summary={t('editor.certificate')} forceOpen={failed}>
        <CertificateFields draft={draft} onChange={setDraft} />
      </SettingsGroup>
    </Form>
  );
}
