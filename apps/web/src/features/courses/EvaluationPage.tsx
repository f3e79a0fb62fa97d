import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Schemas } from '../../api/client';
import { useCourse } from '../../api/courses/use-course';
import { useEvaluation } from '../../api/evaluations/use-evaluation';
import { useAnswerEvaluation } from '../../api/evaluations/use-evaluation-edits';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/use-page-title';
import { NotFoundPage } from '../shell/NotFoundPage';
import { contentLang } from './parts';

type Item = Schemas['EvaluationItemDto'];
const RATINGS = [1, 2, 3, 4, 5] as const;

/** A statement rated 1 to 5: one radio group, the statement its legend. */
function LikertItem({ item, value, onChange }: { item: Item; value: number | undefined; onChange: (rating: number) => void }) {
  const { t, i18n } = useTranslation('courses');
  return (
    <fieldset className="likert">
      <legend>{item.prompt}</legend>
      {RATINGS.map((rating) => (
        <label key={rating} className="checkbox">
          <input type="radio" name={`rating-${item.id}`} value={rating} checked={value === rating} onChange={() => onChange(rating)} />{' '}
          {/* The statement is in the course's language, the scale in the reader's. */}
          <span {...contentLang(i18n.language)}>{t(`evaluation.scale.${rating}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The course's evaluation, for a learner who has reached its end: statements to rate and questions
 * to answer in words, any of them left out if they wish, sent once and anonymously.
 */
export function EvaluationPage() {
  const { t, i18n } = useTranslation('courses');
  const { idOrSlug = '' } = useParams();
  const course = useCourse(idOrSlug);
  const evaluation = useEvaluation(course.data?.id);
  const answer = useAnswerEvaluation(course.data?.id ?? '');
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  usePageTitle(course.data ? t('evaluation.title', { title: course.data.title }) : undefined);

  if (course.isPending || (course.data && evaluation.isPending)) return <Loading />;
  if ([course.error, evaluation.error].some((e) => e instanceof ApiError && e.status === 404)) return <NotFoundPage />;
  if (!course.data || !evaluation.data) return <FormError error={course.error ?? evaluation.error} />;
  const c = course.data;
  const items = evaluation.data.items;
  const back = (
    <p>
      <Link to={`/courses/${c.slug}`}>{t('evaluation.backToCourse')}</Link>
    </p>
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const answers = items.flatMap((item): Schemas['EvaluationAnswerInputDto'][] => {
      const rating = ratings[item.id];
      if (item.kind === 'likert') return rating ? [{ itemId: item.id, rating }] : [];
      const text = texts[item.id]?.trim();
      return text ? [{ itemId: item.id, text }] : [];
    });
    answer.mutate({ answers });
  }

  return (
    <section className="evaluation">
      <h1>{t('evaluation.title', { title: c.title })}</h1>
      {answer.isSuccess || evaluation.data.learner?.answered ? (
        <>
          <p role="status">{t('evaluation.thanks')}</p>
          {back}
        </>
      ) : !evaluation.data.learner?.open ? (
        <>
          <p className="notice">{t('evaluation.notOpen')}</p>
          {back}
        </>
      ) : (
        <Form error={answer.error} onSubmit={submit}>
          <p className="muted">{t('evaluation.anonymous')}</p>
          <div {...contentLang(c.language)}>
            {items.map((item) =>
              item.kind === 'likert' ? (
                <LikertItem
                  key={item.id}
                  item={item}
                  value={ratings[item.id]}
                  onChange={(rating) => setRatings((previous) => ({ ...previous, [item.id]: rating }))}
                />
              ) : (
                <Field key={item.id} label={item.prompt} name={`text-${item.id}`}>
                  <textarea
                    rows={3}
                    maxLength={2000}
                    value={texts[item.id] ?? ''}
                    onChange={(event) => setTexts((previous) => ({ ...previous, [item.id]: event.target.value }))}
                  />
                </Field>
              ),
            )}
          </div>
          <FormError />
          <p className="actions" {...contentLang(i18n.language)}>
            <button type="submit" disabled={answer.isPending}>
              {t('evaluation.send')}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}
