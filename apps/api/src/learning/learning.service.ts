import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../auth/access.decorator.js';
import { AppError, NotFoundError, ValidationError } from '../common/app-error.js';
import { editableCondition } from '../courses/course-access.js';
import type { LessonDto, QuizDto } from '../courses/dto/course.dto.js';
import type { LessonEntity, LessonResource, Quiz } from '../courses/lesson.entity.js';
import type { EnrolmentDto } from '../enrolments/dto/enrolment.dto.js';
import { EnrolmentsService } from '../enrolments/enrolments.service.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import type { CertificateDto } from '../certificates/dto/certificate.dto.js';
import type { AttemptDto, AttemptResultDto } from './dto/attempt.dto.js';

interface LessonAccessRow {
  lesson: LessonEntity;
  enrolmentId: string | null;
  enrolmentStatus: string | null;
  canEdit: boolean;
}

function quizFor(quiz: Quiz, reveal: boolean): QuizDto {
  return {
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    questions: quiz.questions.map((question) => ({
      id: question.id,
      type: question.type,
      prompt: question.prompt,
      options: question.options.map((option) => (reveal ? { id: option.id, text: option.text, correct: option.correct } : { id: option.id, text: option.text })),
    })),
  };
}

@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentsService,
    private readonly certificates: CertificatesService,
  ) {}

  /**
   * A lesson with its content, for the course's trainers and its enrolled learners; 404 for anyone
   * else. A learner sees a quiz's answers only once they passed it or used up their attempts.
   */
  async lesson(user: SessionUser, lessonId: string): Promise<LessonDto> {
    const { lesson, enrolmentId, canEdit } = await this.access(this.dataSource.manager, user, lessonId, { lock: false });
    let progress: LessonDto['progress'];
    let reveal = canEdit;
    if (enrolmentId) {
      const [done] = await this.dataSource.query(`SELECT 1 FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2`, [enrolmentId, lessonId]);
      const attempts: Array<{ attempt_number: number; score: string; passed: boolean; submitted_at: Date }> =
        lesson.kind === 'quiz'
          ? await this.dataSource.query(
              `SELECT attempt_number, score, passed, submitted_at FROM quiz_attempts WHERE enrolment_id = $1 AND lesson_id = $2 ORDER BY attempt_number`,
              [enrolmentId, lessonId],
            )
          : [];
      const attemptsLeft = lesson.quiz?.maxAttempts == null ? null : Math.max(0, lesson.quiz.maxAttempts - attempts.length);
      reveal ||= attempts.some((a) => a.passed) || attemptsLeft === 0;
      progress = {
        completed: Boolean(done),
        attempts: attempts.map((a) => ({ attemptNumber: a.attempt_number, score: Number(a.score), passed: a.passed, submittedAt: a.submitted_at.toISOString() })),
        attemptsLeft,
      };
    }
    return {
      id: lesson.id,
      courseId: lesson.courseId,
      moduleId: lesson.moduleId,
      title: lesson.title,
      kind: lesson.kind,
      required: lesson.required,
      position: lesson.position,
      estimatedMinutes: lesson.estimatedMinutes,
      ...(canEdit ? { body: lesson.body } : {}),
      bodyHtml: lesson.bodyHtml,
      videoUrl: lesson.videoUrl,
      transcript: lesson.transcript,
      resource: lesson.resource ? { fileName: lesson.resource.fileName, contentType: lesson.resource.contentType, size: lesson.resource.size } : null,
      quiz: lesson.quiz ? quizFor(lesson.quiz, reveal) : null,
      ...(progress ? { progress } : {}),
    };
  }

  /** The file of a resource lesson, for the same people who may read the lesson. */
  async resourceFile(user: SessionUser, lessonId: string): Promise<LessonResource> {
    const { lesson } = await this.access(this.dataSource.manager, user, lessonId, { lock: false });
    if (!lesson.resource) throw new NotFoundError('file');
    return lesson.resource;
  }

  /** Marks a text, video or resource lesson done; completes the course when it was the last. */
  async complete(user: SessionUser, lessonId: string): Promise<{ enrolment: EnrolmentDto; certificate?: CertificateDto }> {
    return this.dataSource.transaction(async (manager) => {
      const { lesson, enrolmentId } = await this.access(manager, user, lessonId, { lock: true, learnerOnly: true });
      if (lesson.kind === 'quiz') throw new AppError('learning.quiz_needs_pass', 'conflict', 'A quiz is completed by passing it');
      await manager.query(
        `INSERT INTO lesson_progress (enrolment_id, lesson_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [enrolmentId, lessonId],
      );
      return this.settle(manager, enrolmentId!, user.id);
    });
  }

  /** Scores an attempt. The enrolment row is locked, so parallel attempts queue and the limit holds. */
  async attempt(user: SessionUser, lessonId: string, dto: AttemptDto): Promise<AttemptResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const { lesson, enrolmentId } = await this.access(manager, user, lessonId, { lock: true, learnerOnly: true });
      const quiz = lesson.quiz;
      if (lesson.kind !== 'quiz' || !quiz) throw new AppError('learning.not_a_quiz', 'conflict', 'This lesson is not a quiz');
      const [{ count, passed }] = await manager.query(
        `SELECT count(*)::int AS count, coalesce(bool_or(passed), false) AS passed FROM quiz_attempts WHERE enrolment_id = $1 AND lesson_id = $2`,
        [enrolmentId, lessonId],
      );
      if (passed) throw new AppError('learning.already_passed', 'conflict', 'You have already passed this quiz');
      if (quiz.maxAttempts !== null && count >= quiz.maxAttempts) {
        throw new AppError('learning.no_attempts_left', 'conflict', 'You have used all your attempts at this quiz');
      }

      const answers = new Map<string, Set<string>>();
      const fields: Record<string, string> = {};
      dto.answers.forEach((answer, index) => {
        const question = quiz.questions.find((q) => q.id === answer.questionId);
        if (!question) fields[`answers.${index}.questionId`] = 'not a question of this quiz';
        else if (answer.optionIds.some((id) => !question.options.some((o) => o.id === id))) fields[`answers.${index}.optionIds`] = 'not options of this question';
        else if (question.type !== 'multiple' && answer.optionIds.length > 1) fields[`answers.${index}.optionIds`] = 'choose one option';
        else answers.set(answer.questionId, new Set(answer.optionIds));
      });
      if (Object.keys(fields).length) throw new ValidationError(fields);

      const graded = quiz.questions.map((question) => {
        const chosen = answers.get(question.id) ?? new Set<string>();
        const right = question.options.filter((o) => o.correct).map((o) => o.id);
        return { question, right, correct: right.length === chosen.size && right.every((id) => chosen.has(id)) };
      });
      const score = Math.round((graded.filter((g) => g.correct).length / quiz.questions.length) * 10000) / 100;
      const didPass = score >= quiz.passMark;
      await manager.query(
        `INSERT INTO quiz_attempts (enrolment_id, lesson_id, attempt_number, answers, score, passed) VALUES ($1, $2, $3, $4, $5, $6)`,
        [enrolmentId, lessonId, count + 1, JSON.stringify(dto.answers), score, didPass],
      );
      if (didPass) {
        await manager.query(`INSERT INTO lesson_progress (enrolment_id, lesson_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [enrolmentId, lessonId]);
      }
      const attemptsLeft = quiz.maxAttempts === null ? null : quiz.maxAttempts - count - 1;
      const reveal = didPass || attemptsLeft === 0;
      return {
        score,
        passed: didPass,
        attemptsLeft,
        results: graded.map((g) => ({ questionId: g.question.id, correct: g.correct, ...(reveal ? { correctOptionIds: g.right } : {}) })),
        ...(await this.settle(manager, enrolmentId!, user.id)),
      };
    });
  }

  /**
   * Completes the enrolment when every required lesson is done, and issues its certificate, in
   * the caller's transaction and under its lock on the enrolment row: two racing requests cannot
   * complete it twice, and the certificate's unique index is the last word.
   */
  private async settle(manager: EntityManager, enrolmentId: string, actorId: string): Promise<{ enrolment: EnrolmentDto; certificate?: CertificateDto }> {
    // In a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
    const completed: unknown[] = await manager.query(
      `WITH completed AS (UPDATE enrolments e
          SET status = 'completed', completed_at = now(),
              final_score = (SELECT avg(best) FROM (
                               SELECT max(a.score) AS best FROM quiz_attempts a JOIN lessons l ON l.id = a.lesson_id
                                WHERE a.enrolment_id = e.id AND l.required GROUP BY a.lesson_id) scores)
        WHERE e.id = $1 AND e.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM lessons l
                           WHERE l.course_id = e.course_id AND l.required
                             AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.enrolment_id = e.id AND lp.lesson_id = l.id))
        RETURNING e.id)
       SELECT id FROM completed`,
      [enrolmentId],
    );
    const certificate = completed.length ? await this.certificates.issue(manager, enrolmentId, actorId) : undefined;
    return { enrolment: await this.enrolments.byId(manager, enrolmentId), ...(certificate ? { certificate } : {}) };
  }

  private async access(
    manager: EntityManager,
    user: SessionUser,
    lessonId: string,
    options: { lock: boolean; learnerOnly?: boolean },
  ): Promise<LessonAccessRow> {
    const editable = editableCondition(user);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT row_to_json(l) AS lesson, e.id AS enrolment_id, e.status AS enrolment_status, ${editable.sql.replace(/:editorId/g, '$2')} AS can_edit
         FROM lessons l
         JOIN courses c ON c.id = l.course_id
         LEFT JOIN enrolments e ON e.course_id = l.course_id AND e.user_id = $2 AND e.status IN ('active', 'completed')
        WHERE l.id = $1`,
      [lessonId, user.id],
    );
    const row = rows[0];
    const canEdit = Boolean(row?.can_edit);
    if (!row || (!row.enrolment_id && (options.learnerOnly || !canEdit))) throw new NotFoundError('lesson');
    if (options.lock) {
      // Taking the enrolment's row lock: progress on one enrolment is written one request at a time.
      const locked = await manager.query(
        `WITH locked AS (UPDATE enrolments SET last_activity_at = now() WHERE id = $1 AND status IN ('active', 'completed') RETURNING id) SELECT id FROM locked`,
        [row.enrolment_id],
      );
      if (!locked.length) throw new NotFoundError('lesson');
    }
    const l = row.lesson as Record<string, unknown>;
    return {
      lesson: {
        id: l.id,
        moduleId: l.module_id,
        courseId: l.course_id,
        title: l.title,
        kind: l.kind,
        required: l.required,
        estimatedMinutes: l.estimated_minutes,
        position: l.position,
        body: l.body,
        bodyHtml: l.body_html,
        videoUrl: l.video_url,
        transcript: l.transcript,
        resource: l.resource,
        quiz: l.quiz,
      } as LessonEntity,
      enrolmentId: (row.enrolment_id as string | null) ?? null,
      enrolmentStatus: (row.enrolment_status as string | null) ?? null,
      canEdit,
    };
  }
}
