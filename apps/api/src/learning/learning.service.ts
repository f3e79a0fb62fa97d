import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import type { CertificateDto } from '../certificates/dto/certificate.dto.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import type { LessonDto, QuizDto } from '../courses/dto/course.dto.js';
import { quizSettings, type LessonResource, type Quiz, type QuizQuestion } from '../courses/lesson.entity.js';
import type { VideoRendition } from '@ctlp/contracts';
import { authorQuiz, quizDto, toAuthorLessonDto, toLessonDto } from '../courses/lesson-dto.js';
import type { EnrolmentDto } from '../enrolments/dto/enrolment.dto.js';
import { toEnrolmentDto } from '../enrolments/enrolment-dto.js';
import type { AttemptDto, AttemptResultDto, QuestionResultDto, QuizPreviewResultDto } from './dto/attempt.dto.js';
import type { ItemAnalysisDto } from './dto/item-analysis.dto.js';
import { analyseItems } from './item-analysis.js';
import { drawnQuestions, drawQuiz, learnerQuestion } from './quiz-draw.js';
import { mayReveal, recordAssessmentScore } from './assessment-scores.js';
import { gradeQuiz, rightAnswer, topicsToRevisit, type QuestionVerdict } from './quiz-grading.js';
import { LearningRepository, type AttemptRow, type DrawRow, type LockedEnrolment, type ReaderLessonRow } from './learning.repository.js';
import { LessonLock } from './lesson-lock.js';
import { Idempotency, type Idempotent, type IdempotentRequest } from './idempotency.js';

/** Per question, right or wrong with its right answer and feedback: only once the quiz is revealed. */
function revealedResults(questions: QuizQuestion[], results: QuestionVerdict[]): QuestionResultDto[] {
  const byId = new Map(results.map((r) => [r.questionId, r]));
  return questions.map((question) => {
    const verdict = byId.get(question.id);
    return {
      questionId: question.id,
      correct: verdict?.correct ?? false,
      ...rightAnswer(question),
      chosenFeedback: verdict?.chosenFeedback ?? [],
      ...(question.explanation ? { explanation: question.explanation } : {}),
    };
  });
}

@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: LearningRepository,
    private readonly certificates: CertificatesService,
    private readonly lessonLock: LessonLock,
    private readonly idempotency: Idempotency,
  ) {}

  /**
   * A lesson with its content, for the course's trainers and its enrolled learners; 404 for anyone
   * else. A learner sees the questions drawn for the attempt in progress (drawn now for an untimed
   * quiz), and the answers only once they passed it or used up their attempts.
   */
  async lesson(user: SessionUser, lessonId: string): Promise<LessonDto> {
    await this.lessonLock.assertUnlocked(user, lessonId);
    const lesson = await this.readable(user, lessonId);
    if (!lesson.enrolmentId) return toAuthorLessonDto(lesson);
    if (lesson.kind === 'quiz' && lesson.quiz && !lesson.canEdit) await this.expireDraw(user, lesson.enrolmentId, lessonId);
    return this.learnerView({ ...lesson, enrolmentId: lesson.enrolmentId }, this.dataSource.manager);
  }

  /** The lesson as lesson() answers it to someone enrolled, read through `manager` (start() answers from its transaction). */
  private async learnerView(lesson: ReaderLessonRow & { enrolmentId: string }, manager: EntityManager): Promise<LessonDto> {
    const lessonId = lesson.id;
    const quiz = lesson.kind === 'quiz' ? lesson.quiz : null;
    const done = await this.learning.isDone(lesson.enrolmentId, lessonId, manager);
    const attempts = quiz ? await this.learning.attempts(lesson.enrolmentId, lessonId, manager) : [];
    const attemptsLeft = quiz?.maxAttempts == null ? null : Math.max(0, quiz.maxAttempts - attempts.length);
    const progress: LessonDto['progress'] = {
      completed: done,
      attempts: attempts.map((a) => ({
        attemptNumber: a.attemptNumber,
        score: Number(a.score),
        passed: a.passed,
        submittedAt: a.submittedAt.toISOString(),
        timedOut: a.timedOut,
      })),
      attemptsLeft,
    };
    const closed = attempts.some((a) => a.passed) || attemptsLeft === 0;
    let view: QuizDto | null = null;
    if (quiz) {
      view = lesson.canEdit
        ? authorQuiz(quiz)
        : await this.learnerQuiz(manager, lesson.enrolmentId, lessonId, quiz, attempts, closed, mayReveal(quiz, closed));
    }
    return { ...toLessonDto(lesson, { body: lesson.canEdit, quiz: view }), progress };
  }

  /**
   * A quiz as a learner sees it. Closed (passed, or no attempt left): the last attempt's draw, with
   * its answers when revealed (never for a pre-test). Otherwise the attempt in progress, drawn now
   * when there is none and the quiz is untimed (a timed one is drawn by start()).
   */
  private async learnerQuiz(
    manager: EntityManager,
    enrolmentId: string,
    lessonId: string,
    quiz: Quiz,
    attempts: AttemptRow[],
    closed: boolean,
    revealed: boolean,
  ): Promise<QuizDto> {
    if (closed) {
      const last = attempts.at(-1)?.draw;
      const questions = last ? drawnQuestions(quiz, last) : quiz.questions;
      return quizDto(
        quiz,
        questions.map((q) =>
          learnerQuestion(
            q,
            last?.find((e) => e.questionId === q.id),
            revealed,
          ),
        ),
        null,
      );
    }
    let draw = await this.learning.currentDraw(enrolmentId, lessonId, manager);
    if (draw && !drawnQuestions(quiz, draw.draw).length) {
      // Every question drawn has left the pool since: nothing to answer, so the draw starts over.
      await this.learning.deleteDraw(enrolmentId, lessonId, manager);
      draw = undefined;
    }
    if (!draw && quizSettings(quiz).timeLimitMinutes === null) {
      draw = await this.learning.insertDraw(
        {
          enrolmentId,
          lessonId,
          attemptNumber: attempts.length + 1,
          draw: drawQuiz(quiz),
          timeLimitMinutes: null,
        },
        manager,
      );
    }
    if (!draw) return quizDto(quiz, [], null);
    const entries = new Map(draw.draw.map((e) => [e.questionId, e]));
    return quizDto(
      quiz,
      drawnQuestions(quiz, draw.draw).map((q) => learnerQuestion(q, entries.get(q.id), false)),
      { attemptNumber: attempts.length + 1, startedAt: draw.startedAt.toISOString(), deadline: draw.deadlineAt?.toISOString() ?? null },
    );
  }

  /**
   * Starts an attempt: draws its questions and, on a timed quiz, starts the clock. Starting again
   * while an attempt is in progress answers that attempt, as it is.
   */
  async start(user: SessionUser, lessonId: string, idempotency?: IdempotentRequest): Promise<Idempotent<LessonDto>> {
    await this.lessonLock.assertUnlocked(user, lessonId);
    const lesson = await this.learning.lessonForReader(user, lessonId);
    if (lesson?.enrolmentId) await this.expireDraw(user, lesson.enrolmentId, lessonId);
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, idempotency, async () => {
        const { enrolmentId, quiz, count, draw: current } = await this.lockedQuiz(manager, user, lessonId, { recordActivity: true });
        if (!current || !drawnQuestions(quiz, current.draw).length) {
          if (current) await this.learning.deleteDraw(enrolmentId, lessonId, manager);
          const { timeLimitMinutes } = quizSettings(quiz);
          await this.learning.insertDraw(
            { enrolmentId, lessonId, attemptNumber: count + 1, draw: drawQuiz(quiz), timeLimitMinutes },
            manager,
          );
        }
        // Read in the transaction, so the answer stored with the key is the one sent.
        const reader = (await this.learning.lessonForReader(user, lessonId, manager))!;
        return this.learnerView({ ...reader, enrolmentId }, manager);
      }),
    );
  }

  /**
   * Records the attempt in progress as timed out (score 0) once it is past its deadline and grace
   * without being submitted. Its own transaction, so the record stands whatever the caller does next.
   */
  private async expireDraw(user: SessionUser, enrolmentId: string, lessonId: string): Promise<void> {
    // Read first without the lock: almost always there is nothing to do.
    if (!(await this.learning.currentDraw(enrolmentId, lessonId))?.expired) return;
    await this.dataSource.transaction(async (manager) => {
      const enrolment = await this.learning.lockForLearner(user.id, lessonId, manager, { recordActivity: true });
      if (!enrolment?.quiz || enrolment.kind !== 'quiz') return;
      const { draw, count } = await this.learning.attemptState(enrolment.enrolmentId, lessonId, manager);
      if (!draw?.expired) return;
      await this.recordTimedOut(manager, enrolment.enrolmentId, lessonId, enrolment.quiz, draw, count + 1, []);
    });
  }

  private async recordTimedOut(
    manager: EntityManager,
    enrolmentId: string,
    lessonId: string,
    quiz: Quiz,
    draw: DrawRow,
    attemptNumber: number,
    answers: AttemptDto['answers'],
  ): Promise<void> {
    const results = drawnQuestions(quiz, draw.draw).map((q) => ({ questionId: q.id, correct: false, chosen: [] }));
    await this.learning.insertAttempt(
      {
        enrolmentId,
        lessonId,
        attemptNumber,
        answers,
        score: 0,
        passed: false,
        draw: draw.draw,
        results,
        startedAt: draw.startedAt,
        timedOut: true,
      },
      manager,
    );
    await this.learning.deleteDraw(enrolmentId, lessonId, manager);
  }

  /** The file of a resource lesson, for the same people who may read the lesson. */
  async resourceFile(user: SessionUser, lessonId: string): Promise<LessonResource> {
    const { resource } = await this.readable(user, lessonId);
    if (!resource) throw new NotFoundError('file');
    return resource;
  }

  /** One rendition of a video lesson's own video, for the same people who may read the lesson. */
  async videoFile(user: SessionUser, lessonId: string, rendition: VideoRendition): Promise<LessonResource> {
    const { video } = await this.readable(user, lessonId);
    const file = video?.[rendition];
    if (!file) throw new NotFoundError('file');
    return file;
  }

  /** Marks a text, video or resource lesson done; completes the course when it was the last. */
  async complete(
    user: SessionUser,
    lessonId: string,
    idempotency?: IdempotentRequest,
  ): Promise<Idempotent<{ enrolment: EnrolmentDto; certificate?: CertificateDto }>> {
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, idempotency, async () => {
        const enrolment = await this.lockForLearner(manager, user, lessonId, { recordActivity: false });
        if (enrolment.kind === 'quiz') throw new AppError('quiz_needs_pass');
        return this.settle(manager, enrolment, lessonId, user.id);
      }),
    );
  }

  /**
   * Scores an attempt on the questions drawn for it. The enrolment row is locked, so parallel
   * attempts queue and the limit holds. Past the deadline and its grace the attempt is recorded as
   * timed out, with a score of 0, whatever it answered.
   */
  async attempt(
    user: SessionUser,
    lessonId: string,
    dto: AttemptDto,
    idempotency?: IdempotentRequest,
  ): Promise<Idempotent<AttemptResultDto>> {
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, idempotency, () => this.record(manager, user, lessonId, dto)),
    );
  }

  private async record(manager: EntityManager, user: SessionUser, lessonId: string, dto: AttemptDto): Promise<AttemptResultDto> {
    // settle, at the end, records the activity.
    const locked = await this.lockedQuiz(manager, user, lessonId, { recordActivity: false });
    const { enrolment, enrolmentId, quiz, count } = locked;
    let draw = locked.draw;
    if (!draw || !drawnQuestions(quiz, draw.draw).length) {
      // A timed quiz is answered only after its start; an untimed one submitted before any read
      // (an attempt queued offline from an older page) is graded on a draw made now.
      if (quizSettings(quiz).timeLimitMinutes !== null) throw new AppError('quiz_not_started');
      draw = { attemptNumber: count + 1, draw: drawQuiz(quiz), startedAt: new Date(), deadlineAt: null, expired: false };
    }
    const questions = drawnQuestions(quiz, draw.draw);
    const attemptsLeft = quiz.maxAttempts === null ? null : quiz.maxAttempts - count - 1;
    const base = { attemptsLeft, questionCount: questions.length, revealed: mayReveal(quiz, attemptsLeft === 0) };
    if (draw.expired) {
      await this.recordTimedOut(manager, enrolmentId, lessonId, quiz, draw, count + 1, dto.answers);
      return {
        ...base,
        score: 0,
        passed: false,
        rightCount: 0,
        timedOut: true,
        topicsToRevisit: [],
        ...(base.revealed ? { results: revealedResults(questions, []) } : {}),
        ...(await this.settle(manager, enrolment, null, user.id)),
      };
    }
    const { score, passed, results } = gradeQuiz(questions, quiz.passMark, dto.answers);
    await this.learning.insertAttempt(
      {
        enrolmentId,
        lessonId,
        attemptNumber: count + 1,
        answers: dto.answers,
        score,
        passed,
        draw: draw.draw,
        results: results.map(({ questionId, correct, chosen }) => ({ questionId, correct, chosen })),
        startedAt: draw.startedAt,
        timedOut: false,
      },
      manager,
    );
    await this.learning.deleteDraw(enrolmentId, lessonId, manager);
    await recordAssessmentScore(this.learning, manager, { enrolmentId, quiz, score });
    // Verdicts per question only when nothing is left to gain from them: otherwise a few attempts
    // on an unlimited quiz would map out its answers without ever passing it.
    const revealed = mayReveal(quiz, passed || attemptsLeft === 0);
    return {
      ...base,
      score,
      passed,
      rightCount: results.filter((r) => r.correct).length,
      revealed,
      timedOut: false,
      topicsToRevisit: topicsToRevisit(questions, results),
      ...(revealed ? { results: revealedResults(questions, results) } : {}),
      ...(await this.settle(manager, enrolment, passed ? lessonId : null, user.id)),
    };
  }

  /**
   * Grades answers to a quiz's whole pool for its trainers (and admins) trying it as a learner
   * would, and writes nothing: no attempt, enrolment, progress or certificate, and no activity
   * time. 404 for anyone who may not edit the course, learners included, as if the route did not
   * exist for them. The right answers come back only when the preview passed, as they would for a learner.
   */
  async previewAttempt(user: SessionUser, lessonId: string, dto: AttemptDto): Promise<QuizPreviewResultDto> {
    const quiz = await this.editableQuiz(user, lessonId);
    const { score, passed, results } = gradeQuiz(quiz.questions, quiz.passMark, dto.answers);
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    return {
      score,
      passed,
      topicsToRevisit: topicsToRevisit(quiz.questions, results),
      results: results.map((r) => ({
        questionId: r.questionId,
        correct: r.correct,
        ...(passed ? rightAnswer(byId.get(r.questionId)!) : {}),
      })),
    };
  }

  /** How each question of the pool fares on learners' first attempts; the course's trainers and admins only, 404 for anyone else. */
  async itemAnalysis(user: SessionUser, lessonId: string): Promise<ItemAnalysisDto> {
    const quiz = await this.editableQuiz(user, lessonId);
    const attempts = await this.learning.firstAttempts(lessonId);
    return analyseItems(
      quiz,
      attempts.map((a) => a.results),
    );
  }

  private async editableQuiz(user: SessionUser, lessonId: string): Promise<Quiz> {
    const lesson = await this.learning.lessonForReader(user, lessonId);
    if (!lesson?.canEdit) throw new NotFoundError('lesson');
    if (lesson.kind !== 'quiz' || !lesson.quiz) throw new AppError('not_a_quiz');
    return lesson.quiz;
  }

  /** The learner's enrolment locked, for a quiz they may still attempt (not passed, attempts left), with the attempt in progress. */
  private async lockedQuiz(
    manager: EntityManager,
    user: SessionUser,
    lessonId: string,
    options: { recordActivity: boolean },
  ): Promise<{ enrolment: LockedEnrolment; enrolmentId: string; quiz: Quiz; count: number; draw: DrawRow | undefined }> {
    const enrolment = await this.lockForLearner(manager, user, lessonId, options);
    const { enrolmentId, kind, quiz } = enrolment;
    if (kind !== 'quiz' || !quiz) throw new AppError('not_a_quiz');
    const { count, passed, draw } = await this.learning.attemptState(enrolmentId, lessonId, manager);
    if (passed) throw new AppError('quiz_already_passed');
    if (quiz.maxAttempts !== null && count >= quiz.maxAttempts) throw new AppError('attempts_exhausted');
    return { enrolment, enrolmentId, quiz, count, draw };
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
    // The learning paths this completion finishes give their own certificates, in the same transaction.
    if (row.justCompleted) await this.certificates.issueForLearningPaths(manager, { userId: row.userId, courseId: row.courseId }, actorId);
    return { enrolment: toEnrolmentDto(row), ...(certificate ? { certificate } : {}) };
  }

  /**
   * The caller's enrolment for the lesson's course, locked; 404 when they are not enrolled,
   * whoever they are; 409 lesson_locked when the course's order holds the lesson back. The order
   * is read on the transaction's connection, under the lock: one connection taken from the pool
   * per write, and no lesson completed in between by a parallel request goes unseen.
   */
  private async lockForLearner(
    manager: EntityManager,
    user: SessionUser,
    lessonId: string,
    options: { recordActivity: boolean },
  ): Promise<LockedEnrolment> {
    const locked = await this.learning.lockForLearner(user.id, lessonId, manager, options);
    if (!locked) throw new NotFoundError('lesson');
    // Most courses are not sequential: then there is no order to read (it took 5 ms to plan).
    if (locked.sequential) await this.lessonLock.assertUnlocked(user, lessonId, manager);
    return locked;
  }

  /** A lesson for reading: its trainers and its enrolled learners; 404 for anyone else. */
  private async readable(user: SessionUser, lessonId: string): Promise<ReaderLessonRow> {
    const lesson = await this.learning.lessonForReader(user, lessonId);
    if (!lesson || (!lesson.enrolmentId && !lesson.canEdit)) throw new NotFoundError('lesson');
    return lesson;
  }
}
