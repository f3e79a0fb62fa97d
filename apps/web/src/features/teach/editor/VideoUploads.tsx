import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../api/learning/use-lesson';
import { useRemoveVideo, useUploadVideo, type VideoRendition } from '../../../api/courses/use-video-files';
import { Field } from '../../../components/Field';
import { ErrorScope } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { formatFileSize } from '../../courses/data-saver';

const ACCEPT: Record<VideoRendition, string> = {
  standard: '.mp4,.webm,video/mp4,video/webm',
  low: '.mp4,.webm,video/mp4,video/webm',
  audio: '.m4a,.mp3,.ogg,.oga,.webm,audio/*',
};

/** One rendition: what is there, a file to upload in its place (with its progress), removing it. */
function Rendition({ lesson, rendition }: { lesson: Lesson; rendition: VideoRendition }) {
  const { t, i18n } = useTranslation('courses');
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState(0);
  const [done, setDone] = useState<'uploaded' | 'removed'>();
  const upload = useUploadVideo(setProgress);
  const remove = useRemoveVideo();
  const progressId = useId();
  const current = lesson.video?.[rendition];
  const name = t(`lessonEditor.rendition.${rendition}`);
  const busy = upload.isPending || remove.isPending;

  function send() {
    if (!file) return;
    setProgress(0);
    setDone(undefined);
    upload.mutate(
      { id: lesson.id, rendition, file },
      {
        onSuccess: () => {
          setFile(undefined);
          setDone('uploaded');
        },
      },
    );
  }

  return (
    <ErrorScope error={upload.error ?? remove.error}>
      <fieldset className="panel">
        <legend>{name}</legend>
        <p>
          {current
            ? t('lessonEditor.currentRendition', { name: current.fileName, size: formatFileSize(current.size, i18n.language) })
            : t('lessonEditor.noRendition')}
        </p>
        <FormError />
        <Field label={t('lessonEditor.renditionFile', { rendition: name })} name="file" hint={t(`lessonEditor.renditionHint.${rendition}`)}>
          <input
            type="file"
            accept={ACCEPT[rendition]}
            disabled={busy}
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setDone(undefined);
            }}
          />
        </Field>
        <p className="actions">
          <button type="button" disabled={!file || busy} onClick={send}>
            {current ? t('lessonEditor.replaceRendition', { rendition: name }) : t('lessonEditor.uploadRendition', { rendition: name })}
          </button>
          {current && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => remove.mutate({ id: lesson.id, rendition }, { onSuccess: () => setDone('removed') })}
            >
              {t('lessonEditor.removeRendition', { rendition: name })}
            </button>
          )}
        </p>
        {upload.isPending && (
          <p>
            <label htmlFor={progressId}>{t('lessonEditor.uploading', { name: file?.name ?? '' })}</label>
            <progress id={progressId} max={1} value={progress}>
              {Math.round(progress * 100)} %
            </progress>
          </p>
        )}
        {done && (
          <p role="status">
            {t(done === 'uploaded' ? 'lessonEditor.renditionUploaded' : 'lessonEditor.renditionRemoved', { rendition: name })}
          </p>
        )}
      </fieldset>
    </ErrorScope>
  );
}

/** A video lesson's own files: the video, a low-data version of it, its sound alone. */
export function VideoUploads({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation('courses');
  return (
    <section className="video-renditions" aria-label={t('lessonEditor.videoFiles')}>
      <h3>{t('lessonEditor.videoFiles')}</h3>
      <p className="field-hint">{t('lessonEditor.videoFilesHint')}</p>
      {(['standard', 'low', 'audio'] as const).map((rendition) => (
        <Rendition key={rendition} lesson={lesson} rendition={rendition} />
      ))}
    </section>
  );
}
