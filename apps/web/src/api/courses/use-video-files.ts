import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../client';
import { lessonKeys, type Lesson } from '../learning/use-lesson';

export type VideoRendition = 'standard' | 'low' | 'audio';

/**
 * Posts a file as multipart, reporting how much of it has gone: fetch() cannot tell an upload's
 * progress, XMLHttpRequest can. Same credentials and errors as the other calls.
 */
export function uploadWithProgress<T>(url: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const body: unknown = request.response;
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(ApiError.fromBody(request.status, body, request.statusText));
    });
    request.addEventListener('error', () => reject(ApiError.network()));
    request.addEventListener('abort', () => reject(ApiError.network()));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

/** Uploads one rendition of a video lesson's own video, replacing the one it had. */
export function useUploadVideo(onProgress: (fraction: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rendition, file }: { id: string; rendition: VideoRendition; file: File }) =>
      uploadWithProgress<Lesson>(`/api/lessons/${encodeURIComponent(id)}/video?rendition=${rendition}`, file, onProgress),
    onSuccess: (lesson) => client.setQueryData(lessonKeys.detail(lesson.id), lesson),
  });
}

export function useRemoveVideo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rendition }: { id: string; rendition: VideoRendition }) =>
      unwrap(api.DELETE('/api/lessons/{id}/video', { params: { path: { id }, query: { rendition } } })),
    onSuccess: (lesson) => client.setQueryData(lessonKeys.detail(lesson.id), lesson),
  });
}
