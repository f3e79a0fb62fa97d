import { useTranslation } from 'react-i18next';
import { ACTIVITY_DELIVERIES, ACTIVITY_KINDS, LOCALES, type ActivityDelivery, type ActivityKind, type Locale } from '@ctlp/contracts';
import { useMyCourses } from '../../api/courses/use-my-courses';
import { useMemberStates } from '../../api/member-states/use-member-states';
import { Field, FieldErrorMessage } from '../../components/Field';
import { TopicCheckboxes } from '../../components/Topics';
import { LANGUAGE_NAMES } from '../../i18n';
import type { ActivityDraft } from './activity-draft';
import { MemberStateOptions } from './parts';

interface PartProps {
  draft: ActivityDraft;
  onChange: (draft: ActivityDraft) => void;
}

/** What it is: kind, title, description, languages, topics, and the course it goes with. */
export function WhatFields({ draft, onChange }: PartProps) {
  const { t } = useTranslation('activities');
  const { data: courses } = useMyCourses();
  const toggle = (language: Locale) =>
    onChange({
      ...draft,
      languages: draft.languages.includes(language) ? draft.languages.filter((l) => l !== language) : [...draft.languages, language],
    });
  return (
    <>
      <Field label={t('activityFields.kind')} name="kind">
        <select value={draft.kind} onChange={(event) => onChange({ ...draft, kind: event.target.value as ActivityKind })}>
          {ACTIVITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`activityKinds.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('activityFields.title')} name="title">
        <input maxLength={200} value={draft.title} onChange={(event) => onChange({ ...draft, title: event.target.value })} />
      </Field>
      <Field label={t('activityFields.description')} name="description">
        <textarea rows={3} value={draft.description} onChange={(event) => onChange({ ...draft, description: event.target.value })} />
      </Field>
      <fieldset>
        <legend>{t('activityFields.languages')}</legend>
        <FieldErrorMessage name="languages" />
        {LOCALES.map((language) => (
          <label key={language} className="checkbox">
            <input type="checkbox" checked={draft.languages.includes(language)} onChange={() => toggle(language)} />{' '}
            <span lang={language}>{LANGUAGE_NAMES[language]}</span>
          </label>
        ))}
      </fieldset>
      <TopicCheckboxes legend={t('activityFields.topics')} value={draft.topics} onChange={(topics) => onChange({ ...draft, topics })} />
      <Field label={t('activityFields.course')} name="courseId" hint={t('form.courseHint')}>
        <select value={draft.courseId} onChange={(event) => onChange({ ...draft, courseId: event.target.value })}>
          <option value="">{t('form.noCourse')}</option>
          {courses?.items.map((course) => (
            <option key={course.id} value={course.id}>
              {course.title}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

/** Where: delivery, venue State (typed or picked, as at registration) and city, the States it serves. */
export function WhereFields({ draft, onChange, stateError }: PartProps & { stateError: string | undefined }) {
  const { t } = useTranslation('activities');
  const { data: states } = useMemberStates();
  return (
    <fieldset>
      <legend>{t('form.where')}</legend>
      <Field label={t('activityFields.delivery')} name="delivery">
        <select value={draft.delivery} onChange={(event) => onChange({ ...draft, delivery: event.target.value as ActivityDelivery })}>
          {ACTIVITY_DELIVERIES.map((delivery) => (
            <option key={delivery} value={delivery}>
              {t(`deliveries.${delivery}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('activityFields.venueMemberState')} name="venueMemberState" hint={t('form.venueHint')} error={stateError}>
        <input
          type="text"
          list="venue-states"
          autoComplete="off"
          value={draft.venueStateName}
          onChange={(event) => onChange({ ...draft, venueStateName: event.target.value })}
        />
      </Field>
      <MemberStateOptions id="venue-states" />
      <Field label={t('activityFields.city')} name="city">
        <input value={draft.city} maxLength={200} onChange={(event) => onChange({ ...draft, city: event.target.value })} />
      </Field>
      <Field label={t('activityFields.memberStates')} name="memberStates" hint={t('form.memberStatesHint')}>
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
    </fieldset>
  );
}

/** When and how much: days, hours, the attendance that completes it, places. */
export function WhenFields({ draft, onChange }: PartProps) {
  const { t } = useTranslation('activities');
  // A one-day activity is the usual case: its last day follows the first until set apart.
  const setStart = (startsOn: string) =>
    onChange({ ...draft, startsOn, endsOn: !draft.endsOn || draft.endsOn < startsOn ? startsOn : draft.endsOn });
  return (
    <fieldset>
      <legend>{t('form.when')}</legend>
      <div className="filters">
        <Field label={t('activityFields.startsOn')} name="startsOn">
          <input type="date" value={draft.startsOn} onChange={(event) => setStart(event.target.value)} />
        </Field>
        <Field label={t('activityFields.endsOn')} name="endsOn">
          <input
            type="date"
            value={draft.endsOn}
            min={draft.startsOn || undefined}
            onChange={(event) => onChange({ ...draft, endsOn: event.target.value })}
          />
        </Field>
      </div>
      <div className="filters">
        <Field label={t('activityFields.hours')} name="hours">
          <input
            type="number"
            min={0}
            step={0.5}
            inputMode="decimal"
            value={draft.hours}
            onChange={(event) => onChange({ ...draft, hours: event.target.value })}
          />
        </Field>
        <Field label={t('activityFields.requiredAttendance')} name="requiredAttendance" hint={t('form.requiredAttendanceHint')}>
          <input
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={draft.requiredAttendance}
            onChange={(event) => onChange({ ...draft, requiredAttendance: event.target.value })}
          />
        </Field>
        <Field label={t('activityFields.capacity')} name="capacity" hint={t('form.capacityHint')}>
          <input
            type="number"
            min={1}
            inputMode="numeric"
            value={draft.capacity}
            onChange={(event) => onChange({ ...draft, capacity: event.target.value })}
          />
        </Field>
      </div>
    </fieldset>
  );
}
