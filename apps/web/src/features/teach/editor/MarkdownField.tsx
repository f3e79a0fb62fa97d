import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewMarkdown } from '../../../api/courses/markdown-preview';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { SanitizedHtml } from '../../courses/parts';

/** A Markdown textarea with a preview rendered by the API, exactly as learners will see it. */
export function MarkdownField({
  label,
  value,
  onChange,
  name,
  rows = 12,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The request field it sets, whose error from the API shows under it. */
  name: string;
  rows?: number;
}) {
  const { t } = useTranslation('courses');
  const [preview, setPreview] = useState<string>();
  const [previewError, setPreviewError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function show() {
    setBusy(true);
    setPreviewError(undefined);
    try {
      setPreview(await previewMarkdown(value));
    } catch (e) {
      setPreviewError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="markdown-field">
      <Field label={label} name={name} hint={t('editor.markdownHint')}>
        <textarea
          rows={rows}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setPreview(undefined);
          }}
        />
      </Field>
      <button type="button" className="secondary" disabled={busy} onClick={() => void show()}>
        {t('editor.preview')}
      </button>
      <FormError error={previewError} />
      {preview !== undefined && (
        <section className="preview" aria-label={t('editor.previewOf', { label })}>
          <SanitizedHtml html={preview} />
        </section>
      )}
    </div>
  );
}
