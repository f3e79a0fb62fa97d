import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import type { FieldError, FieldErrorParams } from '@ctlp/contracts';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { isAllowedVideoUrl, renderMarkdown } from '../common/markdown.js';
import { AUDIO_UPLOADS, UploadStore, VIDEO_UPLOADS } from '../common/upload-store.js';
import type { VideoRendition } from '@ctlp/contracts';
import { CoursesRepository, type LessonRow, type ModuleRow } from './courses.repository.js';
import type { QuestionBankDto } from './dto/course.dto.js';
import type { CreateLessonDto, QuestionBankQueryDto, QuizInputDto, QuizQuestionInputDto, UpdateLessonDto } from './dto/lesson-input.dto.js';
import { authorQuestion } from './lesson-dto.js';
import type { ModuleInputDto, UpdateModuleDto } from './dto/course-input.dto.js';
import { lessonFiles, type LessonResource, type LessonVideo, type Quiz, type QuizQuestion } from './lesson.entity.js';
import { checkQuizPurpose, shapeForPurpose } from './quiz-purpose.js';
import { VideoRenditionsJob } from './video-renditions.job.js';

type QuizFields = Record<string, FieldError>;

/** A question's options and answer checked for its type; errors name the field (`quiz.questions.3.numeric`). */
function checkQuestion(question: QuizQuestionInputDto, at: string, fields: QuizFields): void {
  const add = (field: string, code: FieldError['code'], params?: FieldErrorParams) => {
    fields[`${at}.${field}`] ??= fieldError(`${at}.${field}`, code, params);
  };
  const { type, options } = question;
  if (type === 'numeric') {
    if (options.length) add('options', 'too_many_items', { max: 0 });
    if (!question.numeric) add('numeric', 'required');
    return;
  }
  if (options.length < 2) return add('options', 'too_few_items', { min: 2 });
  if (new Set(options.filter((o) => o.id).map((o) => o.id)).size !== options.filter((o) => o.id).length) {
    return add('options', 'duplicate_items');
  }
  if (type === 'matching') {
    options.forEach((option, index) => {
      if (option.match === undefined) add(`options.${index}.match`, 'required');
    });
    const matches = options.map((o) => o.match?.toLowerCase());
    const matchIds = options.filter((o) => o.matchId).map((o) => o.matchId);
    if (new Set(matches).size !== matches.length || new Set(matchIds).size !== matchIds.length) add('options', 'duplicate_items');
    return;
  }
  if (type === 'ordering') return;
  const correct = options.filter((option) => option.correct).length;
  if (type === 'true_false' && options.length !== 2) add('options', 'true_false_needs_two_options');
  else if (type !== 'multiple' && correct !== 1) add('options', 'needs_one_correct_option');
  else if (type === 'multiple' && correct < 1) add('options', 'needs_a_correct_option');
}

/** drawCount and drawByTopic must be drawable from the pool. */
function checkDraw(input: QuizInputDto, fields: QuizFields): void {
  if (input.drawCount != null && input.drawCount > input.questions.length) {
    fields['quiz.drawCount'] = fieldError('quiz.drawCount', 'not_enough_questions', { max: input.questions.length });
  }
  if (!input.drawByTopic) return;
  if (new Set(input.drawByTopic.map((d) => d.topic)).size !== input.drawByTopic.length) {
    fields['quiz.drawByTopic'] = fieldError('quiz.drawByTopic', 'duplicate_items');
  }
  input.drawByTopic.forEach(({ topic, count }, index) => {
    const available = input.questions.filter((q) => q.topic === topic).length;
    const at = `quiz.drawByTopic.${index}.count`;
    if (count > available) fields[at] = fieldError(at, 'not_enough_questions', { max: available });
  });
}

/**
 * Checks a quiz's shape beyond what the DTO can (answers per question type, what can be drawn) and
 * gives every question, option and match an id: kept ids keep old attempts and draws readable.
 */
function buildQuiz(input: QuizInputDto): Quiz {
  const fields: QuizFields = {};
  input.questions.forEach((question, index) => checkQuestion(question, `quiz.questions.${index}`, fields));
  const questionIds = input.questions.filter((q) => q.id).map((q) => q.id);
  if (new Set(questionIds).size !== questionIds.length) fields['quiz.questions'] = fieldError('quiz.questions', 'duplicate_items');
  checkDraw(input, fields);
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return shapeForPurpose({
    purpose: input.purpose ?? 'graded',
    passMark: input.passMark,
    maxAttempts: input.maxAttempts,
    drawCount: input.drawByTopic ? null : (input.drawCount ?? null),
    drawByTopic: input.drawByTopic?.map(({ topic, count }) => ({ topic, count })) ?? null,
    shuffle: input.shuffle ?? false,
    timeLimitMinutes: input.timeLimitMinutes ?? null,
    questions: input.questions.map(buildQuestion),
  });
}

function buildQuestion(question: QuizQuestionInputDto): QuizQuestion {
  const choice = question.type === 'single' || question.type === 'multiple' || question.type === 'true_false';
  return {
    id: question.id ?? randomUUID(),
    type: question.type,
    prompt: question.prompt,
    topic: question.topic ?? null,
    ...(question.explanation ? { explanation: question.explanation } : {}),
    options: question.options.map((option) => ({
      id: option.id ?? randomUUID(),
      text: option.text,
      correct: choice ? (option.correct ?? false) : false,
      ...(question.type === 'matching' ? { match: option.match, matchId: option.matchId ?? randomUUID() } : {}),
      ...(option.feedback ? { feedback: option.feedback } : {}),
    })),
    ...(question.type === 'numeric' ? { numeric: { answer: question.numeric!.answer, tolerance: question.numeric!.tolerance } } : {}),
  };
}

/** Moves `id` to `position` among `ids` (clamped) and returns the new order. */
function reorder(ids: string[], id: string, position: number): string[] {
  const rest = ids.filter((other) => other !== id);
  rest.splice(Math.min(position, rest.length), 0, id);
  return rest;
}

const notAResource = () => new AppError('not_a_resource_lesson');
const notAVideo = () => new AppError('not_a_video_lesson');

const hasVideoFiles = (video: LessonVideo | null | undefined) => !!(video && (video.standard ?? video.low ?? video.audio));

/** What a lesson's content becomes from an author's input; the lesson as it will be is checked whole. */
type LessonContent = Pick<LessonRow, 'kind' | 'required' | 'estimatedMinutes' | 'body' | 'bodyHtml' | 'transcript' | 'videoUrl' | 'quiz'>;

@Injectable()
export class CourseContentService {
  private readonly logger = new Logger(CourseContentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly uploads: UploadStore,
    private readonly renditions: VideoRenditionsJob,
  ) {}

  /**
   * Every question of every quiz of a course, for its trainers (404 for anyone else), to copy into
   * another quiz: by topic (exactly) and by words of the prompt (`q`, any case).
   */
  async questionBank(user: SessionUser, courseId: string, filter: QuestionBankQueryDto): Promise<QuestionBankDto> {
    const quizzes = await this.courses.quizzesOfEditableCourse(user, courseId);
    if (!quizzes) throw new NotFoundError('course');
    const all = quizzes.flatMap(({ lessonId, lessonTitle, quiz }) =>
      quiz.questions.map((question) => ({ lessonId, lessonTitle, question })),
    );
    const text = filter.q?.toLocaleLowerCase();
    const items = all.filter(
      ({ question }) =>
        (filter.topic === undefined || question.topic === filter.topic) && (!text || question.prompt.toLocaleLowerCase().includes(text)),
    );
    const topics = [...new Set(all.map(({ question }) => question.topic).filter((t): t is string => !!t))].sort((a, b) =>
      a.localeCompare(b),
    );
    return { items: items.map((item) => ({ ...item, question: authorQuestion(item.question) })), topics };
  }

  async addModule(user: SessionUser, courseId: string, dto: ModuleInputDto): Promise<ModuleRow> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.courses.lockEditable(user, courseId, {}, manager))) throw new NotFoundError('course');
      const position = await this.courses.nextModulePosition(courseId, manager);
      return this.courses.insertModule({ courseId, title: dto.title, position }, manager);
    });
  }

  async updateModule(user: SessionUser, id: string, dto: UpdateModuleDto): Promise<ModuleRow> {
    return this.dataSource.transaction(async (manager) => {
      const module = await this.editableModule(manager, user, id);
      if (dto.title !== undefined && dto.title !== module.title) await this.courses.updateModule(id, { title: dto.title }, manager);
      if (dto.position !== undefined) {
        const siblings = await this.courses.moduleIdsInOrder(module.courseId, manager);
        await this.courses.renumber('course_modules', reorder(siblings, id, dto.position), manager);
      }
      return (await this.courses.moduleById(id, manager))!;
    });
  }

  /** Deletes a module with its lessons, then the files they held. */
  async deleteModule(user: SessionUser, id: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const module = await this.editableModule(manager, user, id);
      return this.courses.deleteModule(module.id, manager);
    });
    await this.removeFiles(removed);
  }

  async addLesson(user: SessionUser, moduleId: string, dto: CreateLessonDto): Promise<LessonRow> {
    return this.dataSource.transaction(async (manager) => {
      const module = await this.editableModule(manager, user, moduleId);
      const position = await this.courses.nextLessonPosition(moduleId, manager);
      const content = this.contentFrom({ kind: dto.kind, quiz: null, videoUrl: null, video: null }, dto);
      await checkQuizPurpose(
        this.courses,
        manager,
        { courseId: module.courseId, lessonId: null, before: null, after: content.quiz },
        async () => false,
      );
      const id = await this.courses.insertLesson(
        { moduleId, courseId: module.courseId, title: dto.title, kind: dto.kind, position, ...content },
        manager,
      );
      return (await this.courses.lessonById(id, manager))!;
    });
  }

  /**
   * Changes a lesson; with `kind`, into another kind of lesson, checked whole as that kind. A quiz
   * that stops being one loses its questions (the schema keeps questions on quizzes only), which
   * is refused once a learner has attempted it: their attempts would lose what they answered. A
   * resource that stops being one loses its file. Text, video address and transcript stay, so a
   * lesson switched back finds them.
   */
  async updateLesson(user: SessionUser, id: string, dto: UpdateLessonDto): Promise<LessonRow> {
    const { row, removed } = await this.dataSource.transaction(async (manager) => {
      const lesson = await this.editableLesson(manager, user, id);
      const kind = dto.kind ?? lesson.kind;
      const dropped: string[] = [];
      const before: Pick<LessonRow, 'kind' | 'quiz' | 'videoUrl' | 'video'> = {
        kind,
        quiz: lesson.quiz,
        videoUrl: lesson.videoUrl,
        video: lesson.video,
      };
      if (kind !== lesson.kind) {
        if (lesson.kind === 'quiz') {
          if (await this.courses.lessonHasAttempts(id, manager)) throw new AppError('quiz_has_attempts');
          before.quiz = null;
        }
        if (lesson.kind === 'resource' && lesson.resource) dropped.push(lesson.resource.storedName);
        // Video files are large: a lesson that stops being a video keeps its address, not its files.
        if (lesson.kind === 'video' && lesson.video) {
          dropped.push(...lessonFiles({ resource: null, video: lesson.video }).map((file) => file.storedName));
          before.video = null;
        }
      }
      const changes: Partial<Omit<LessonRow, 'id' | 'courseId'>> = this.contentFrom(before, dto);
      await checkQuizPurpose(
        this.courses,
        manager,
        { courseId: lesson.courseId, lessonId: id, before: before.quiz, after: changes.quiz },
        () => this.courses.lessonHasAttempts(id, manager),
      );
      if (kind !== lesson.kind) {
        changes.kind = kind;
        if (lesson.kind === 'quiz') changes.quiz = null;
        if (lesson.kind === 'resource' && lesson.resource) changes.resource = null;
        if (lesson.kind === 'video' && lesson.video) changes.video = null;
      }
      if (dto.title !== undefined) changes.title = dto.title;
      let moved = false;
      if (dto.moduleId !== undefined && dto.moduleId !== lesson.moduleId) {
        const target = await this.courses.moduleOfCourse(dto.moduleId, lesson.courseId, manager);
        if (!target) throw ValidationError.field('moduleId', 'module_of_other_course');
        changes.moduleId = target.id;
        changes.position = 1_000_000;
        moved = true;
      }
      await this.courses.updateLesson(id, changes, manager);
      if (dto.position !== undefined || moved) {
        const siblings = await this.courses.lessonIdsInOrder(changes.moduleId ?? lesson.moduleId, id, manager);
        await this.courses.renumber('lessons', reorder([...siblings, id], id, dto.position ?? siblings.length), manager);
      }
      return { row: (await this.courses.lessonById(id, manager))!, removed: dropped };
    });
    await this.removeFiles(removed);
    return row;
  }

  async deleteLesson(user: SessionUser, id: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const lesson = await this.editableLesson(manager, user, id);
      await this.courses.deleteLesson(lesson.id, manager);
      return lessonFiles(lesson).map((file) => file.storedName);
    });
    await this.removeFiles(removed);
  }

  /**
   * Attaches a file to a resource lesson. The file is streamed to a temporary file only once the
   * lesson is known to be the caller's (a stranger cannot fill the disk), attached in a
   * transaction, and moved into place once that commits; the previous file goes after the commit
   * too. On any failure before the commit the temporary file is removed; what a crash leaves is
   * for the sweep (upload-sweeper.ts), which also finishes a move a crash interrupted.
   */
  async attachResource(user: SessionUser, id: string, file: { originalname: string; stream: Readable } | undefined): Promise<LessonRow> {
    if (!file) throw ValidationError.field('file', 'file_required');
    const target = await this.dataSource.transaction((manager) => this.editableLesson(manager, user, id));
    if (target.kind !== 'resource') throw notAResource();
    const stored = await this.uploads.receive(file.originalname, file.stream);
    let attached: { lesson: LessonRow; previous: LessonResource | null };
    try {
      // Checked again: the lesson may have been deleted, or the caller taken off the course, while the file arrived.
      attached = await this.dataSource.transaction(async (manager) => {
        const lesson = await this.editableLesson(manager, user, id);
        if (lesson.kind !== 'resource') throw notAResource();
        await this.courses.updateLesson(id, { resource: stored }, manager);
        return { lesson: { ...lesson, resource: stored }, previous: lesson.resource };
      });
    } catch (error) {
      await this.uploads.remove(stored.storedName);
      throw error;
    }
    // Committed: the answer is a success whatever happens to the files now. Until the move, the
    // download reads the temporary file; a failed move or removal is finished by the sweep.
    await this.afterCommit('place', stored.storedName, () => this.uploads.place(stored.storedName));
    if (attached.previous) await this.removeFiles([attached.previous.storedName]);
    return attached.lesson;
  }

  /**
   * Uploads one rendition of a video lesson's own video (replacing the one it had), as
   * attachResource does a resource's file: streamed to disk once the lesson is known to be the
   * caller's, attached in a transaction, moved into place after the commit.
   */
  async attachVideo(
    user: SessionUser,
    id: string,
    rendition: VideoRendition,
    file: { originalname: string; stream: Readable } | undefined,
  ): Promise<LessonRow> {
    if (!file) throw ValidationError.field('file', 'file_required');
    const target = await this.dataSource.transaction((manager) => this.editableLesson(manager, user, id));
    if (target.kind !== 'video') throw notAVideo();
    const stored = await this.uploads.receive(file.originalname, file.stream, rendition === 'audio' ? AUDIO_UPLOADS : VIDEO_UPLOADS);
    let attached: { lesson: LessonRow; previous: LessonResource | undefined };
    try {
      attached = await this.dataSource.transaction(async (manager) => {
        const lesson = await this.editableLesson(manager, user, id);
        if (lesson.kind !== 'video') throw notAVideo();
        const video: LessonVideo = { ...lesson.video, [rendition]: stored };
        await this.courses.updateLesson(id, { video }, manager);
        // A new standard video: what the trainer did not upload is made from it, where ffmpeg runs.
        if (rendition === 'standard') await this.renditions.queueFor(id, video, manager);
        return { lesson: { ...lesson, video }, previous: lesson.video?.[rendition] };
      });
    } catch (error) {
      await this.uploads.remove(stored.storedName);
      throw error;
    }
    await this.afterCommit('place', stored.storedName, () => this.uploads.place(stored.storedName));
    if (attached.previous) await this.removeFiles([attached.previous.storedName]);
    return attached.lesson;
  }

  /** Removes one rendition of a video lesson's own video; none there is no error (a retried removal). */
  async removeVideo(user: SessionUser, id: string, rendition: VideoRendition): Promise<LessonRow> {
    const { lesson, removed } = await this.dataSource.transaction(async (manager) => {
      const current = await this.editableLesson(manager, user, id);
      const file = current.video?.[rendition];
      if (!file) return { lesson: current, removed: undefined };
      const rest: LessonVideo = { ...current.video };
      delete rest[rendition];
      const video = hasVideoFiles(rest) ? rest : null;
      await this.courses.updateLesson(id, { video }, manager);
      return { lesson: { ...current, video }, removed: file };
    });
    if (removed) await this.removeFiles([removed.storedName]);
    return lesson;
  }

  /** Files no committed row names any more; one that cannot be removed now is the sweep's. */
  private async removeFiles(storedNames: string[]): Promise<void> {
    for (const storedName of storedNames) await this.afterCommit('remove', storedName, () => this.uploads.remove(storedName));
  }

  private async afterCommit(action: string, storedName: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`Could not ${action} upload ${storedName}, left to the sweep: ${(error as Error).message}`);
    }
  }

  /** A lesson of a course the caller may edit, locked; 404 for anyone else. */
  private async editableLesson(manager: EntityManager, user: SessionUser, id: string): Promise<LessonRow> {
    const lesson = await this.courses.lockEditableLesson(user, id, manager);
    if (!lesson) throw new NotFoundError('lesson');
    return lesson;
  }

  private async editableModule(manager: EntityManager, user: SessionUser, id: string): Promise<ModuleRow> {
    const module = await this.courses.lockEditableModule(user, id, manager);
    if (!module) throw new NotFoundError('module');
    return module;
  }

  /**
   * The content columns an author's input sets, checked against the lesson as it will be: a quiz
   * only for quiz lessons and required for them, a video lesson needs an allowed video URL unless
   * it has files of its own or its author says they are to come (videoSource upload). That last
   * rule is checked when the address or the kind is set, so other edits of a lesson still waiting
   * for its files pass.
   */
  private contentFrom(
    current: Pick<LessonRow, 'kind' | 'quiz' | 'videoUrl' | 'video'>,
    dto: UpdateLessonDto | CreateLessonDto,
  ): Partial<LessonContent> {
    const content: Partial<LessonContent> = {};
    if (dto.required !== undefined) content.required = dto.required;
    if (dto.estimatedMinutes !== undefined) content.estimatedMinutes = dto.estimatedMinutes;
    if (dto.body !== undefined) {
      content.body = dto.body;
      content.bodyHtml = renderMarkdown(dto.body);
    }
    if (dto.transcript !== undefined) content.transcript = dto.transcript;
    if (dto.videoUrl !== undefined) {
      if (dto.videoUrl !== null && !isAllowedVideoUrl(dto.videoUrl)) {
        throw ValidationError.field('videoUrl', 'video_url_not_allowed');
      }
      content.videoUrl = dto.videoUrl;
    }
    if (dto.quiz !== undefined) {
      if (current.kind !== 'quiz') throw ValidationError.field('quiz', 'quiz_only_for_quiz_lessons');
      content.quiz = buildQuiz(dto.quiz);
    }
    const quiz = content.quiz !== undefined ? content.quiz : current.quiz;
    const videoUrl = content.videoUrl !== undefined ? content.videoUrl : current.videoUrl;
    if (current.kind === 'quiz' && !quiz) throw ValidationError.field('quiz', 'quiz_required');
    const videoChecked = dto.videoUrl !== undefined || dto.kind !== undefined;
    if (current.kind === 'video' && videoChecked && !videoUrl && !hasVideoFiles(current.video) && dto.videoSource !== 'upload') {
      throw ValidationError.field('videoUrl', 'video_url_required');
    }
    return content;
  }
}
