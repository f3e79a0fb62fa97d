import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemoveCover, useUploadCover } from '../../../api/courses/use-course-edits';
import type { Course } from '../../../api/courses/use-course';
import { useConfirm, useToast } from '../../../components/Feedback';
import { Field } from '../../../components/Field';
import { ErrorScope } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { CourseCover } from '../../courses/CourseCover';

const ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

/** The file as a data: address to preview before it is sent (the page's CSP allows data: images, not blob:). */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/**
 * The course's cover image: the one the catalog shows (or its placeholder), a chosen file
 * previewed as the card will cut it (16:9) before it is saved, and removing it after a question.
 */
export function CoverSection({ course }: { course: Course }) {
  const { t } = useTranslation('courses');
  const upload = useUploadCover();
  const remove = useRemoveCover();
  const confirm = useConfirm();
  const toast = useToast();
  const [chosen, setChosen] = useState<{ file: File; preview: string }>();
  const [inputKey, setInputKey] = useState(0);

  async function choose(file: File | undefined) {
    upload.reset();
    setChosen(file ? { file, preview: await readAsDataUrl(file) } : undefined);
  }

  function save() {
    if (!chosen) return;
    upload.mutate(
      { id: course.id, file: chosen.file },
      {
        onSuccess: () => {
          setChosen(undefined);
          setInputKey((key) => key + 1);
          toast({ message: t('cover.saved'), tone: 'success' });
        },
      },
    );
  }

  async function removeCover() {
    const confirmed = await confirm({
      title: t('cover.confirmRemove'),
      body: t('cover.confirmRemoveBody'),
      confirmLabel: t('cover.remove'),
      danger: true,
    });
    if (confirmed) remove.mutate(course.id, { onSuccess: () => toast({ message: t('cover.removed'), tone: 'success' }) });
  }

  return (
    <section className="panel cover-editor" aria-labelledby="cover-heading">
      <h2 id="cover-heading">{t('cover.heading')}</h2>
      <ErrorScope error={upload.error ?? remove.error}>
        <FormError />
        <div className="cover-editor-body">
          <figure>
            {chosen ? (
              <img className="cover" src={chosen.preview} alt={t('cover.previewAlt')} width={800} height={450} />
            ) : (
              <CourseCover course={course} sizes="20rem" />
            )}
            <figcaption className="muted">{chosen ? t('cover.preview') : course.cover ? t('cover.current') : t('cover.none')}</figcaption>
          </figure>
          <div>
            <Field label={course.cover ? t('cover.replace') : t('cover.choose')} name="file" hint={t('cover.hint')}>
              <input key={inputKey} type="file" accept={ACCEPT} onChange={(event) => void choose(event.target.files?.[0])} />
            </Field>
            <p className="actions">
              <button type="button" disabled={!chosen || upload.isPending} onClick={save}>
                {upload.isPending ? t('cover.saving') : t('cover.save')}
              </button>
              {course.cover && !chosen && (
                <button type="button" className="secondary" disabled={remove.isPending} onClick={() => void removeCover()}>
                  {t('cover.remove')}
                </button>
              )}
            </p>
          </div>
        </div>
      </ErrorScope>
    </section>
  );
}
