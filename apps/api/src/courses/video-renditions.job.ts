import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { LessonResource, LessonVideo } from './lesson.entity.js';
import { UploadStore } from '../common/upload-store.js';
import { JobsService } from '../jobs/jobs.service.js';
import { CoursesRepository } from './courses.repository.js';

const run = promisify(execFile);

export const VIDEO_RENDITIONS_JOB = 'make-video-renditions';

interface Payload {
  lessonId: string;
  /** The standard file the renditions are made from: another one since means the job is stale. */
  storedName: string;
}

/** What ffmpeg makes of the standard video for each missing rendition; H.264 and AAC play everywhere. */
const RECIPES = {
  low: {
    suffix: '-low.mp4',
    contentType: 'video/mp4',
    // 360 lines at most, ~300 kbit/s video and 48 kbit/s sound; the index first so playback starts at once.
    args: [
      '-vf',
      'scale=-2:min(360\\,ih)',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '30',
      '-maxrate',
      '300k',
      '-bufsize',
      '600k',
    ].concat(['-c:a', 'aac', '-b:a', '48k', '-ac', '1', '-movflags', '+faststart', '-f', 'mp4']),
  },
  audio: {
    suffix: '-audio.m4a',
    contentType: 'audio/mp4',
    args: ['-vn', '-c:a', 'aac', '-b:a', '48k', '-ac', '1', '-movflags', '+faststart', '-f', 'mp4'],
  },
} as const;

/**
 * Makes the renditions a trainer did not upload (low, audio) from the standard video, when ffmpeg
 * is on the PATH; without it nothing is queued and the renditions are the trainer's to upload.
 * Idempotent: a rendition is attached only while the lesson still has that standard file and no
 * rendition of its own (a trainer's upload meanwhile wins), otherwise the made file is removed. A
 * video ffmpeg cannot convert (no sound for the audio rendition) leaves that rendition out.
 */
@Injectable()
export class VideoRenditionsJob implements OnModuleInit {
  private readonly logger = new Logger(VideoRenditionsJob.name);
  private ffmpeg = 'ffmpeg';
  private available?: Promise<boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly uploads: UploadStore,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<Payload>({ name: VIDEO_RENDITIONS_JOB, retryLimit: 2, handle: (payload) => this.make(payload) });
  }

  /** Runs another program than the `ffmpeg` on the PATH (a test: one that does not exist). */
  useProgram(program: string): void {
    this.ffmpeg = program;
    this.available = undefined;
  }

  /** Whether ffmpeg runs here; asked once per process. */
  ffmpegAvailable(): Promise<boolean> {
    this.available ??= run(this.ffmpeg, ['-hide_banner', '-version'], { timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    return this.available;
  }

  /** Queues the making of what `video` lacks, in the transaction that attached its standard file. */
  async queueFor(lessonId: string, video: LessonVideo, manager: EntityManager): Promise<void> {
    if (!video.standard || (video.low && video.audio) || !(await this.ffmpegAvailable())) return;
    await this.jobs.send<Payload>(
      VIDEO_RENDITIONS_JOB,
      { lessonId, storedName: video.standard.storedName },
      { manager, singletonKey: video.standard.storedName },
    );
  }

  private async make({ lessonId, storedName }: Payload): Promise<void> {
    const lesson = await this.courses.lessonById(lessonId);
    if (lesson?.kind !== 'video' || lesson.video?.standard?.storedName !== storedName) return;
    const source = await this.uploads.localPath(storedName);
    if (!source) return;
    const base = path.parse(lesson.video.standard.fileName).name.slice(0, 150) || 'video';
    for (const rendition of ['low', 'audio'] as const) {
      if (lesson.video[rendition]) continue;
      const made = await this.convert(source, rendition, base);
      if (made) await this.attach(lessonId, storedName, rendition, made);
    }
  }

  private async convert(source: string, rendition: keyof typeof RECIPES, base: string): Promise<LessonResource | undefined> {
    const recipe = RECIPES[rendition];
    const target = await this.uploads.reserve();
    try {
      // One thread: the API's machine serves requests meanwhile. An hour of video takes minutes.
      await run(
        this.ffmpeg,
        ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', source, '-threads', '1', ...recipe.args, target.file],
        {
          timeout: 60 * 60_000,
        },
      );
      const { size } = await stat(target.file);
      return { storedName: target.storedName, fileName: `${base}${recipe.suffix}`, contentType: recipe.contentType, size };
    } catch (error) {
      await this.uploads.remove(target.storedName);
      this.logger.warn(`No ${rendition} rendition made: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }

  private async attach(lessonId: string, storedName: string, rendition: 'low' | 'audio', file: LessonResource): Promise<void> {
    const attached = await this.dataSource.transaction(async (manager) => {
      const lesson = await this.courses.lockLesson(lessonId, manager);
      if (lesson?.kind !== 'video' || lesson.video?.standard?.storedName !== storedName || lesson.video[rendition]) return false;
      await this.courses.updateLesson(lessonId, { video: { ...lesson.video, [rendition]: file } }, manager);
      return true;
    });
    if (attached) await this.uploads.place(file.storedName);
    else await this.uploads.remove(file.storedName);
  }
}
