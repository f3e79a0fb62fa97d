import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../api/learning/use-lesson';
import { defaultRendition, formatFileSize, useDataSaver, videoSite, type VideoRendition } from './data-saver';
import { contentLang, videoEmbedUrl } from './parts';

type LessonVideo = NonNullable<Lesson['video']>;
const RENDITIONS: VideoRendition[] = ['standard', 'low', 'audio'];

function DataSaverToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation('courses');
  const hint = useId();
  return (
    <div className="data-saver">
      <label className="checkbox">
        <input type="checkbox" checked={on} aria-describedby={hint} onChange={(event) => onChange(event.target.checked)} />{' '}
        {t('video.dataSaver')}
      </label>
      <p id={hint} className="field-hint">
        {t('video.dataSaverHint')}
      </p>
    </div>
  );
}

/**
 * The lesson's own files: the learner picks the rendition, sizes in view; the player asks for
 * nothing before play on data saver (`preload="none"`), and only the file's head otherwise. A
 * change of rendition carries on from the same moment.
 */
function OwnVideo({ lesson, files, dataSaver }: { lesson: Lesson; files: LessonVideo; dataSaver: boolean }) {
  const { t, i18n } = useTranslation('courses');
  const [chosen, setChosen] = useState<VideoRendition>();
  const rendition = chosen && files[chosen] ? chosen : defaultRendition(files, dataSaver);
  const position = useRef(0);
  const name = useId();
  if (!rendition) return null;
  const available = RENDITIONS.filter((r) => files[r]);
  const label = (r: VideoRendition) =>
    t('video.option', { name: t(`videoRenditions.${r}`), size: formatFileSize(files[r]!.size, i18n.language) });
  const media = {
    src: `/api/lessons/${encodeURIComponent(lesson.id)}/video?rendition=${rendition}`,
    controls: true,
    preload: dataSaver ? 'none' : 'metadata',
    onTimeUpdate: (event: { currentTarget: HTMLMediaElement }) => {
      position.current = event.currentTarget.currentTime;
    },
    onLoadedMetadata: (event: { currentTarget: HTMLMediaElement }) => {
      if (position.current > 0) event.currentTarget.currentTime = position.current;
    },
  };
  return (
    <>
      {available.length > 1 ? (
        <fieldset className="video-quality" {...contentLang(i18n.language)}>
          <legend>{t('video.quality')}</legend>
          {available.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name={name} value={r} checked={r === rendition} onChange={() => setChosen(r)} /> {label(r)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted" {...contentLang(i18n.language)}>
          {label(rendition)}
        </p>
      )}
      {rendition === 'audio' ? (
        // eslint-disable-next-line jsx-a11y/media-has-caption -- no timed text exists; the transcript below is the text alternative
        <audio key={rendition} {...media} className="audio-player" aria-label={t('video.audioOf', { title: lesson.title })}>
          {t('video.cannotPlay')}
        </audio>
      ) : (
        <div className="video">
          {/* eslint-disable-next-line jsx-a11y/media-has-caption -- no timed text exists; the transcript below is the text alternative */}
          <video key={rendition} {...media} playsInline aria-label={t('video.videoOf', { title: lesson.title })}>
            {t('video.cannotPlay')}
          </video>
        </div>
      )}
    </>
  );
}

/** A YouTube or Vimeo player; on data saver, only once the learner asks for it (it loads megabytes of script). */
function Embed({ url, title, dataSaver }: { url: string; title: string; dataSaver: boolean }) {
  const { t, i18n } = useTranslation('courses');
  const [asked, setAsked] = useState(false);
  const embed = videoEmbedUrl(url);
  if (!embed) return null;
  const site = videoSite(url) ?? '';
  if (dataSaver && !asked) {
    return (
      <div className="video-placeholder" {...contentLang(i18n.language)}>
        <button type="button" onClick={() => setAsked(true)}>
          {t('video.loadPlayer', { site })}
        </button>
        <p className="field-hint">{t('video.loadPlayerHint', { site })}</p>
      </div>
    );
  }
  return (
    <div className="video">
      <iframe
        src={embed}
        title={title}
        allow="fullscreen; picture-in-picture"
        loading="lazy"
        referrerPolicy="strict-origin-when-cross-origin"
      />
    </div>
  );
}

/**
 * A video lesson: its own files when it has them, else the player of the site its address names;
 * a link to that site whenever there is an address; the transcript, which is also the captions.
 * Data saver (the learner's switch, on by default when the browser asks to save data) starts on
 * the lightest rendition, holds the outside player back until asked and opens the transcript.
 */
export function VideoLesson({ lesson, language }: { lesson: Lesson; language: string }) {
  const { t, i18n } = useTranslation('courses');
  const [dataSaver, setDataSaver] = useDataSaver();
  const files = lesson.video;
  const site = lesson.videoUrl ? videoSite(lesson.videoUrl) : undefined;
  return (
    <>
      <div {...contentLang(i18n.language)}>
        <DataSaverToggle on={dataSaver} onChange={setDataSaver} />
      </div>
      {files ? (
        <OwnVideo lesson={lesson} files={files} dataSaver={dataSaver} />
      ) : lesson.videoUrl ? (
        <Embed url={lesson.videoUrl} title={lesson.title} dataSaver={dataSaver} />
      ) : (
        <p className="muted" {...contentLang(i18n.language)}>
          {t('video.notYet')}
        </p>
      )}
      {lesson.videoUrl && (
        // Always a way out: an office network may block the player, and no page can tell.
        <p className="video-elsewhere" {...contentLang(i18n.language)}>
          {!files && videoEmbedUrl(lesson.videoUrl) && <span className="muted">{t('lesson.videoBlocked')} </span>}
          <a href={lesson.videoUrl} rel="noopener noreferrer" target="_blank">
            {site ? t('video.watchOn', { site }) : t('lesson.watchVideo')}
          </a>
        </p>
      )}
      {lesson.transcript && (
        // Open where it may be all the learner gets (data saver, an outside player that may not load).
        <details open={dataSaver || !files}>
          <summary {...contentLang(i18n.language)}>{t('lesson.transcript')}</summary>
          <div className="transcript" {...contentLang(language)}>
            {lesson.transcript}
          </div>
        </details>
      )}
    </>
  );
}
