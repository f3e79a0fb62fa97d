import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import type { CertificateDto } from '../certificates/dto/certificate.dto.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import type { LessonDto, QuizDto } from '../courses/dto/course.dto.js';
import type { LessonResource, Quiz } from '../courses/lesson.entity.js';
import { toLessonDto } from '../courses/lesson-dto.js';
import type { EnrolmentDto } from '../enrolments/dto/enrolment.dto.js';
import { toEnrolmentDto } from '../enrolments/enrolment-dto.js';
import type { AttemptDto, AttemptResultDto, QuizPreviewResultDto } from './dto/attempt.dto.js';
import { gradeQuiz } from './quiz-grading.js';
import { LearningRepository, type LockedEnrolment, type ReaderLessonRow } from './learning.repository.js';

/** A quiz as a learner may see it: the answers only once `reveal` (passed, or no attempt left). */
function quizFor(quiz: Quiz, reveal: boolean): QuizDto {
  return {
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    questions: quiz.questions.map((question) => ({
      id: question.id,
      type: question.type,
      prompt: question.prompt,
      options: question.options.map((option) =>
        reveal ? { id: option.id, text: option.text, correct: option.correct } : { id: option.id, text: option.text },
      ),
    })),
  };
}

@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: LearningRepository,
    private readonly certificates: CertificatesService,
  ) {}

  /**
   * A lesson with its content, for the course's trainers and its enrolled learners; 404 for anyone
   * else. A learner sees a quiz's answers only once they passed it or used up their attempts.
   */
  async lesson(user: SessionUser, lessonId: string): Promise<LessonDto> {
    const lesson = await this.readable(user, lessonId);
    let progress: LessonDto['progress'];
    let reveal = lesson.canEdit;
    if (lesson.enrolmentId) {
      const done = await this.learning.isDone(lesson.enrolmentId, lessonId);
      const attempts = lesson.kind === 'quiz' ? await this.learning.attempts(lesson.enrolmentId, lessonId) : [];
      const attemptsLeft = lesson.quiz?.maxAttempts == null ? null : Math.max(0, lesson.quiz.maxAttempts - attempts.length);
      reveal ||= attempts.some((a) => a.passed) || attemptsLeft === 0;
      progress = {
        completed: done,
        attempts: attempts.map((a) => ({
          attemptNumber: a.attemptNumber,
          score: Number(a.score),
          passed: a.passed,
          submittedAt: a.submittedAt.toISOString(),
        })),
        attemptsLeft,
      };
    }
    return {
      ...toLessonDto(lesson, { body: lesson.canEdit, quiz: lesson.quiz ? quizFor(lesson.quiz, reveal) : null }),
      ...(progress ? { progress } : {}),
    };
  }

  /** The file of a resource lesson, for the same people who may read the lesson. */
  async resourceFile(user: SessionUser, lessonId: string): Promise<LessonResource> {
    const { resource } = await this.readable(user, lessonId);
    if (!resource) throw new NotFoundError('file');
    return resource;
  }

  /** Marks a text, video or resource lesson done; completes the course when it was the last. */
  async complete(user: SessionUser, lessonId: string): Promise<{ enrolment: EnrolmentDto; certificate?: CertificateDto }> {
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.lockForLearner(manager, user, lessonId);
      if (enrolment.kind === 'quiz') throw new AppError('quiz_needs_pass');
      return this.settle(manager, enrolment, lessonId, user.id);
    });
  }

  /** Scores an attempt. The enrolment row is locked, so parallel attempts queue and the limit holds. */
  async attempt(user: SessionUser, lessonId: string, dto: AttemptDto): Promise<AttemptResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.lockForLearner(manager, user, lessonId);
      const { enrolmentId, kind, quiz } = enrolment;
      if (kind !== 'quiz' || !quiz) throw new AppError('not_a_quiz');
      const { count, passed } = await this.learning.attemptTally(enrolmentId, lessonId, manager);
      if (passed) throw new AppError('quiz_already_passed');
      if (quiz.maxAttempts !== null && count >= quiz.maxAttempts) {
        throw new AppError('attempts_exhausted');
      }

      const { score, passed: didPass, results } = gradeQuiz(quiz, dto.answers);
      await this.learning.insertAttempt(
        { enrolmentId, lessonId, attemptNumber: count + 1, answers: dto.answers, score, passed: didPass },
        manager,
      );
      const attemptsLeft = quiz.maxAttempts === null ? null : quiz.maxAttempts - count - 1;
      // Verdicts per question only when nothing is left to gain from them: otherwise a few attempts
      // on an unlimited quiz would map out its answers without ever passing it.
      const revealed = didPass || attemptsLeft === 0;
      return {
        score,
        passed: didPass,
        attemptsLeft,
        rightCount: results.filter((r) => r.correct).length,
        questionCount: results.length,
        revealed,
        ...(revealed
          ? { results: results.map((r) => ({ questionId: r.questionId, correct: r.correct, correctOptionIds: r.rightOptionIds })) }
          : {}),
        ...(await this.settle(manager, enrolment, didPass ? lessonId : null, user.id)),
      };
    });
  }

  /**
   * Grades answers to a quiz for its trainers (and admins) trying it as a learner would, and writes
   * nothing: no attempt, enrolment, progress or certificate, and no activity time. 404 for anyone
   * who may not edit the course, learners included, as if the route did not exist for them. The
   * right options come back only when the preview passed, as they would for a learner.
   */
  async previewAttempt(user: SessionUser, lessonId: string, dto: AttemptDto): Promise<QuizPreviewResultDto> {
    const lesson = await this.learning.lessonForReader(user, lessonId);
    if (!lesson?.canEdit) throw new NotFoundError('lesson');
    if (lesson.kind !== 'quiz' || !lesson.quiz) throw new AppError('not_a_quiz');
    const { score, passed, results } = gradeQuiz(lesson.quiz, dto.answers);
    return {
      score,
      passed,
      results: results.map((r) => ({
        questionId: r.questionId,
        correct: r.correct,
        ...(passed ? { correctOptionIds: r.rightOptionIds } : {}),
      })),
    };
  }

  /**
   * Records the lesson as done (if any) and completes the enrolment when it was the last required
   * one, then issues the certificate, all in the caller's transaction after lockForLearner; the
   * certificate's unique index is the last word on a second issue.
   */
  private async settle(
    manager: EntityManager,
    enrolment: LockedEnrolment,
    doneLessonId: string | null,
    actorId: string,
  ): Promise<{ enrolment: EnrolmentDto; certificate?: CertificateDto }> {
    const row = await this.learning.settle(enrolment, doneLessonId, manager);
    const certificate = row.justCompleted ? await this.certificates.issue(manager, enrolment.enrolmentId, actorId) : undefined;
    return { enrolment: toEnrolmentDto(row), ...(certificate ? { certificate } : {}) };
  }

  /** The caller's enrolment for the lesson's course, locked; 404 when they are not enrolled, whoever they are. */
  private async lockForLearner(manager: EntityManager, user: SessionUser, lessonId: string): Promise<LockedEnrolment> {
    const locked = await this.learning.lockForLearner(user.id, lessonId, manager);
    if (!locked) throw new NotFoundError('lesson');
    return locked;
  }

  /** A lesson for reading: its trainers and its enrolled learners; 404 for anyone else. */
  private async readable(user: SessionUser, lessonId: string): Promise<ReaderLessonRow> {
    const lesson = await this.learning.lessonForReader(user, lessonId);
    if (!lesson || (!lesson.enrolmentId && !lesson.canEdit)) throw new NotFoundError('lesson');
    return lesson;
  }
}
