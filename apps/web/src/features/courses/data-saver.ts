import { useSyncExternalStore } from 'react';
import type { Schemas } from '../../api/client';
import { numberFormat } from '../../intl';

export type VideoRendition = 'standard' | 'low' | 'audio';
type LessonVideo = NonNullable<Schemas['LessonDto']['video']>;

/** Where the learner's choice is kept: this browser only, as it is about this device's link. */
export const DATA_SAVER_KEY = 'ctlp.dataSaver';
const CHANGED = 'ctlp-data-saver';

/**
 * Whether data saver is on: the learner's own choice when they made one here, otherwise what the
 * browser says of the link (Chrome's "Lite mode" and Android's data saver set `saveData`).
 */
export function dataSaverOn(stored: string | null, saveData: boolean | undefined): boolean {
  if (stored === 'on') return true;
  if (stored === 'off') return false;
  return saveData === true;
}

/**
 * The rendition a lesson opens with: with data saver the lightest that still shows the video (low,
 * else the sound alone), otherwise the best there is.
 */
export function defaultRendition(video: LessonVideo, dataSaver: boolean): VideoRendition | undefined {
  const order: VideoRendition[] = dataSaver ? ['low', 'audio', 'standard'] : ['standard', 'low', 'audio'];
  return order.find((rendition) => video[rendition]);
}

/** The choice made on this page when storage is refused (a private window's policy). */
let unstored: string | null = null;

function read(): boolean {
  let stored: string | null = unstored;
  try {
    stored = window.localStorage.getItem(DATA_SAVER_KEY) ?? unstored;
  } catch {
    // Storage refused: the choice made on this page, else the browser's hint.
  }
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  return dataSaverOn(stored, connection?.saveData);
}

function subscribe(onChange: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key === DATA_SAVER_KEY) onChange();
  };
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** Data saver, as the learner set it (remembered in this browser), and how to change it. */
export function useDataSaver(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, read, () => false);
  const set = (next: boolean) => {
    unstored = next ? 'on' : 'off';
    try {
      window.localStorage.setItem(DATA_SAVER_KEY, next ? 'on' : 'off');
    } catch {
      // Not remembered past this page: `unstored` holds it.
    }
    window.dispatchEvent(new Event(CHANGED));
  };
  return [on, set];
}

/** "YouTube" or "Vimeo": the site a video address leads to, to say where a link goes. */
export function videoSite(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    if (/(^|\.)(youtube\.com|youtu\.be|youtube-nocookie\.com)$/.test(host)) return 'YouTube';
    if (/(^|\.)vimeo\.com$/.test(host)) return 'Vimeo';
  } catch {
    return undefined;
  }
  return undefined;
}

/** A file's size as a learner weighs it against their data: "12 MB", "1.5 MB", "640 kB". */
export function formatFileSize(bytes: number, language: string): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes < 1) {
    return numberFormat(language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
  }
  return numberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: megabytes < 10 ? 1 : 0 }).format(megabytes);
}
