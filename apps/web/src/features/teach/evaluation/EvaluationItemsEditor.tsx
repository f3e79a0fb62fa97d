import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_ITEM_KINDS, type EvaluationItemKind } from '@ctlp/contracts';
import type { Schemas } from '../../../api/client';
import type { Evaluation } from '../../../api/evaluations/use-evaluation';
import { useSaveEvaluation } from '../../../api/evaluations/use-evaluation-edits';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';

type Draft = Schemas['EvaluationItemInputDto'];

/**
 * The questionnaire as its trainers write it: statements rated 1 to 5 and questions answered in
 * words, in order. An item keeps its answers across edits by keeping its id; saving sends the whole.
 */
export function EvaluationItemsEditor({
  courseId,
  evaluation,
  lang,
}: {
  courseId: string;
  evaluation: Evaluation;
  lang: { lang: string; dir: 'ltr' | 'rtl' };
}) {
  const { t } = useTranslation('courses');
  const save = useSaveEvaluation(courseId);
  const [items, setItems] = useState<Draft[]>(() => evaluation.items.map(({ id, kind, prompt }) => ({ id, kind, prompt })));
  const change = (index: number, item: Partial<Draft>) =>
    setItems((previous) => previous.map((x, i) => (i === index ? { ...x, ...item } : x)));
  const move = (index: number, by: number) =>
    setItems((previous) => {
      const next = [...previous];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ items }, { onSuccess: (saved) => setItems(saved.items.map(({ id, kind, prompt }) => ({ id, kind, prompt }))) });
  }

  return (
    <section aria-labelledby="evaluation-items-heading">
      <h2 id="evaluation-items-heading">{t('evaluationEditor.items')}</h2>
      {evaluation.isDefault && <p className="notice">{t('evaluationEditor.defaults')}</p>}
      <Form error={save.error} onSubmit={submit}>
        <ol className="evaluation-items">
          {items.map((item, index) => (
            <li key={item.id ?? `new-${index}`}>
              <fieldset>
                <legend>{t('evaluationEditor.item', { number: index + 1 })}</legend>
                <Field label={t('evaluationEditor.kind')} name={`items.${index}.kind`}>
                  <select value={item.kind} onChange={(event) => change(index, { kind: event.target.value as EvaluationItemKind })}>
                    {EVALUATION_ITEM_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`evaluationEditor.kinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('evaluationEditor.prompt')} name={`items.${index}.prompt`}>
                  <input
                    {...lang}
                    value={item.prompt}
                    maxLength={500}
                    onChange={(event) => change(index, { prompt: event.target.value })}
                  />
                </Field>
                <p className="actions">
                  {index > 0 && (
                    <button type="button" className="secondary" onClick={() => move(index, -1)}>
                      {t('evaluationEditor.up', { number: index + 1 })}
                    </button>
                  )}
                  {index < items.length - 1 && (
                    <button type="button" className="secondary" onClick={() => move(index, 1)}>
                      {t('evaluationEditor.down', { number: index + 1 })}
                    </button>
                  )}
                  <button type="button" className="danger" onClick={() => setItems((previous) => previous.filter((_, i) => i !== index))}>
                    {t('evaluationEditor.remove', { number: index + 1 })}
                  </button>
                </p>
              </fieldset>
            </li>
          ))}
        </ol>
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setItems((previous) => [...previous, { kind: 'likert', prompt: '' }])}>
            {t('evaluationEditor.addLikert')}
          </button>
          <button type="button" className="secondary" onClick={() => setItems((previous) => [...previous, { kind: 'text', prompt: '' }])}>
            {t('evaluationEditor.addText')}
          </button>
        </p>
        <FormError />
        <p className="actions">
          <button type="submit" disabled={save.isPending}>
            {t('evaluationEditor.save')}
          </button>
          <span role="status" className="muted">
            {save.isSuccess ? t('evaluationEditor.saved') : ''}
          </span>
        </p>
      </Form>
    </section>
  );
}
