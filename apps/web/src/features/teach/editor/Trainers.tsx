import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../api/courses/use-course';
import { useAddTrainer, useRemoveTrainer } from '../../../api/courses/use-trainer-edits';
import { useTrainers } from '../../../api/courses/use-trainers';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';

/** The course's owner and co-trainers; co-trainers are added by email and can be removed. */
export function Trainers({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const trainers = useTrainers(course.id);
  const add = useAddTrainer();
  const remove = useRemoveTrainer();
  const [email, setEmail] = useState('');
  return (
    <section aria-labelledby="trainers-heading">
      <h2 id="trainers-heading">{t('trainers.title')}</h2>
      <FormError error={trainers.error} />
      <ul>
        {trainers.data?.items.map((trainer) => (
          <li key={trainer.userId}>
            {trainer.fullName}{' '}
            <span className="muted">
              {trainer.email} · {trainer.role === 'owner' ? t('trainers.owner') : t('trainers.coTrainer')}
            </span>{' '}
            {trainer.role !== 'owner' && (
              <button type="button" className="button-link" onClick={() => remove.mutate({ courseId: course.id, userId: trainer.userId })}>
                {t('trainers.remove', { name: trainer.fullName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError error={remove.error} />
      <Form
        error={add.error}
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ courseId: course.id, email }, { onSuccess: () => setEmail('') });
        }}
      >
        <Field label={t('trainers.email')} name="email" hint={t('trainers.emailHint')}>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </Field>
        <button type="submit" disabled={add.isPending}>
          {t('trainers.add')}
        </button>
        <FormError />
      </Form>
    </section>
  );
}
