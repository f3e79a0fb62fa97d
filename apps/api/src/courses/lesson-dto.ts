import type { LessonRow } from './courses.repository.js';
import type { LessonDto, QuizDto, QuizQuestionDto } from './dto/course.dto.js';
import { VIDEO_RENDITIONS } from '@ctlp/contracts';
import { quizSettings, type LessonResource, type LessonVideo, type Quiz, type QuizQuestion } from './lesson.entity.js';
import { purposeOf } from './quiz-purpose.js';

/**
 * A lesson as the API shows it. What of the authoring the caller sees is the caller's to decide:
 * `body` (the Markdown) only for those who may edit, `quiz` as it may be shown to them.
 */
export function toLessonDto(lesson: LessonRow, view: { body: boolean; quiz: LessonDto['quiz'] }): LessonDto {
  return {
    id: lesson.id,
    courseId: lesson.courseId,
    moduleId: lesson.moduleId,
    title: lesson.title,
    kind: lesson.kind,
    required: lesson.required,
    position: lesson.position,
    estimatedMinutes: lesson.estimatedMinutes,
    ...(view.body ? { body: lesson.body } : {}),
    bodyHtml: lesson.bodyHtml,
    videoUrl: lesson.videoUrl,
    transcript: lesson.transcript,
    resource: fileDto(lesson.resource ?? undefined) ?? null,
    quiz: view.quiz,
    video: videoDto(lesson.video),
  };
}

const fileDto = (file: LessonResource | undefined) => file && { fileName: file.fileName, contentType: file.contentType, size: file.size };

/** The files of a video lesson as anyone sees them: no stored names. */
function videoDto(video: LessonVideo | null): LessonDto['video'] {
  if (!video) return null;
  const out: NonNullable<LessonDto['video']> = {};
  for (const rendition of VIDEO_RENDITIONS) {
    const file = fileDto(video[rendition]);
    if (file) out[rendition] = file;
  }
  return Object.keys(out).length ? out : null;
}

/** A question as its trainers author it: every field, answers included. */
export function authorQuestion(question: QuizQuestion): QuizQuestionDto {
  return {
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    topic: question.topic ?? null,
    options: question.options.map((o) => ({
      id: o.id,
      text: o.text,
      correct: o.correct,
      ...(o.feedback ? { feedback: o.feedback } : {}),
      ...(o.match !== undefined ? { match: o.match, matchId: o.matchId } : {}),
    })),
    ...(question.explanation ? { explanation: question.explanation } : {}),
    ...(question.numeric ? { numeric: { ...question.numeric } } : {}),
  };
}

/** A quiz's settings as shown to anyone, with the questions the caller may see. */
export function quizDto(quiz: Quiz, questions: QuizQuestionDto[], attempt: QuizDto['attempt']): QuizDto {
  return {
    purpose: purposeOf(quiz),
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    ...quizSettings(quiz),
    poolSize: quiz.questions.length,
    questions,
    attempt,
  };
}

/** A quiz as its trainers see it: the whole pool as authored, with its answers. */
export function authorQuiz(quiz: Quiz): QuizDto {
  return quizDto(quiz, quiz.questions.map(authorQuestion), null);
}

/** A lesson as its authors see it: the Markdown and the quiz's whole pool with its answers. */
export function toAuthorLessonDto(lesson: LessonRow): LessonDto {
  return toLessonDto(lesson, { body: true, quiz: lesson.quiz ? authorQuiz(lesson.quiz) : null });
}
