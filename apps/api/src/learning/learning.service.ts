import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../auth/access.decorator.js';
import type { FieldError } from '@ctlp/contracts';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { editableCondition } from '../courses/course-access.js';
import type { LessonDto, QuizDto } from '../courses/dto/course.dto.js';
import type { LessonEntity, LessonResource, Quiz } from '../courses/lesson.entity.js';
import { toLessonDto } from '../courses/lesson-dto.js';
import { toEnrolmentDto, type EnrolmentDto, type EnrolmentRow } from '../enrolments/dto/enrolment.dto.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import type { CertificateDto } from '../certificates/dto/certificate.dto.js';
import type { AttemptDto, AttemptResultDto } from './dto/attempt.dto.js';

interface LessonAccessRow {
  lesson: LessonEntity;
  enrolmentId: string | null;
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
    private readonly certificates: CertificatesService,
  ) {}

  /**
   * A lesson with its content, for the course's trainers and its enrolled learners; 404 for anyone
   * else. A learner sees a quiz's answers only once they passed it or used up their attempts.
   */
  async lesson(user: SessionUser, lessonId: string): Promise<LessonDto> {
    const { lesson, enrolmentId, canEdit } = await this.access(user, lessonId);
    let progress: LessonDto['progress'];
    let reveal = canEdit;
    if (enrolmentId) {
      const [done] = await this.dataSource.query(`SELECT 1 FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2`, [
        enrolmentId,
        lessonId,
      ]);
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
        attempts: attempts.map((a) => ({
          attemptNumber: a.attempt_number,
          score: Number(a.score),
          passed: a.passed,
          submittedAt: a.submitted_at.toISOString(),
        })),
        attemptsLeft,
      };
    }
    return {
      ...toLessonDto(lesson, { body: canEdit, quiz: lesson.quiz ? quizFor(lesson.quiz, reveal) : null }),
      ...(progress ? { progress } : {}),
    };
  }

  /** The file of a resource lesson, for the same people who may read the lesson. */
  async resourceFile(user: SessionUser, lessonId: string): Promise<LessonResource> {
    const { lesson } = await this.access(user, lessonId);
    if (!lesson.resource) throw new NotFoundError('file');
    return lesson.resource;
  }

  /** Marks a text, video or resource lesson done; completes the course when it was the last. */
  async complete(user: SessionUser, lessonId: string): Promise<{ enrolment: EnrolmentDto; certificate?: CertificateDto }> {
    return this.dataSource.transaction(async (manager) => {
      const { enrolmentId, kind } = await this.lockForLearner(manager, user, lessonId);
      if (kind === 'quiz') throw new AppError('quiz_needs_pass');
      return this.settle(manager, enrolmentId, lessonId, user.id);
    });
  }

  /** Scores an attempt. The enrolment row is locked, so parallel attempts queue and the limit holds. */
  async attempt(user: SessionUser, lessonId: string, dto: AttemptDto): Promise<AttemptResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const { enrolmentId, kind, quiz } = await this.lockForLearner(manager, user, lessonId);
      if (kind !== 'quiz' || !quiz) throw new AppError('not_a_quiz');
      const [{ count, passed }] = await manager.query(
        `SELECT count(*)::int AS count, coalesce(bool_or(passed), false) AS passed FROM quiz_attempts WHERE enrolment_id = $1 AND lesson_id = $2`,
        [enrolmentId, lessonId],
      );
      if (passed) throw new AppError('quiz_already_passed');
      if (quiz.maxAttempts !== null && count >= quiz.maxAttempts) {
        throw new AppError('attempts_exhausted');
      }

      const answers = new Map<string, Set<string>>();
      const fields: Record<string, FieldError> = {};
      dto.answers.forEach((answer, index) => {
        const question = quiz.questions.find((q) => q.id === answer.questionId);
        if (!question) fields[`answers.${index}.questionId`] = fieldError(`answers.${index}.questionId`, 'not_a_question_of_quiz');
        else if (answer.optionIds.some((id) => !question.options.some((o) => o.id === id)))
          fields[`answers.${index}.optionIds`] = fieldError(`answers.${index}.optionIds`, 'not_an_option_of_question');
        else if (question.type !== 'multiple' && answer.optionIds.length > 1)
          fields[`answers.${index}.optionIds`] = fieldError(`answers.${index}.optionIds`, 'choose_one_option');
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
      const attemptsLeft = quiz.maxAttempts === null ? null : quiz.maxAttempts - count - 1;
      const reveal = didPass || attemptsLeft === 0;
      return {
        score,
        passed: didPass,
        attemptsLeft,
        results: graded.map((g) => ({ questionId: g.question.id, correct: g.correct, ...(reveal ? { correctOptionIds: g.right } : {}) })),
        ...(await this.settle(manager, enrolmentId, didPass ? lessonId : null, user.id)),
      };
    });
  }

  /**
   * Records `doneLessonId` (if any) as done and completes the enrolment when every required lesson
   * is, in one statement, then issues the certificate. Runs in the caller's transaction after
   * lockForLearner: this statement's snapshot is taken under the enrolment's row lock, so it sees
   * every earlier completion on the enrolment and two racing requests cannot both miss the last
   * lesson or both complete it; the certificate's unique index is the last word.
   */
  private async settle(
    manager: EntityManager,
    enrolmentId: string,
    doneLessonId: string | null,
    actorId: string,
  ): Promise<{ enrolment: EnrolmentDto; certificate?: CertificateDto }> {
    // The INSERT is not visible to the rest of the statement, hence `l.id = $2` in the tally.
    const [row]: Array<EnrolmentRow & { just_completed: boolean }> = await manager.query(
      `WITH done_now AS (
         INSERT INTO lesson_progress (enrolment_id, lesson_id) SELECT $1, $2::uuid WHERE $2::uuid IS NOT NULL ON CONFLICT DO NOTHING
       ),
       tally AS (
         SELECT t.* FROM enrolments e CROSS JOIN LATERAL learning_tally(e.id, e.course_id, $2::uuid) t WHERE e.id = $1
       ),
       completed AS (
         UPDATE enrolments e
            SET status = 'completed', completed_at = now(),
                final_score = (SELECT f.final_score FROM learning_final_score(e.id) f)
           FROM tally t
          WHERE e.id = $1 AND e.status = 'active' AND t.all_done
          RETURNING e.id, e.status, e.completed_at, e.final_score
       )
       SELECT e.id, e.course_id, e.user_id, coalesce(c.status, e.status) AS status, e.source, e.enrolled_at,
              coalesce(c.completed_at, e.completed_at) AS completed_at, coalesce(c.final_score, e.final_score) AS final_score,
              e.last_activity_at, learning_progress(coalesce(c.status, e.status), t.done, t.required) AS progress,
              c.id IS NOT NULL AS just_completed
         FROM enrolments e CROSS JOIN tally t LEFT JOIN completed c ON c.id = e.id
        WHERE e.id = $1`,
      [enrolmentId, doneLessonId],
    );
    const certificate = row!.just_completed ? await this.certificates.issue(manager, enrolmentId, actorId) : undefined;
    return { enrolment: toEnrolmentDto(row!), ...(certificate ? { certificate } : {}) };
  }

  /**
   * The learner's enrolment for a lesson's course, locked for this transaction (progress on one
   * enrolment is written one request at a time), with what a write needs of the lesson: one
   * statement. 404 when the caller is not enrolled, whoever they are.
   */
  private async lockForLearner(
    manager: EntityManager,
    user: SessionUser,
    lessonId: string,
  ): Promise<{ enrolmentId: string; kind: LessonEntity['kind']; quiz: Quiz | null }> {
    // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const [row]: Array<{ id: string; kind: LessonEntity['kind']; quiz: Quiz | null }> = await manager.query(
      `WITH locked AS (
         UPDATE enrolments e SET last_activity_at = now()
           FROM lessons l
          WHERE l.id = $1 AND e.course_id = l.course_id AND e.user_id = $2 AND e.status IN ('active', 'completed')
          RETURNING e.id, l.kind, l.quiz)
       SELECT * FROM locked`,
      [lessonId, user.id],
    );
    if (!row) throw new NotFoundError('lesson');
    return { enrolmentId: row.id, kind: row.kind, quiz: row.quiz };
  }

  /** A lesson for reading: its trainers and its enrolled learners; 404 for anyone else. */
  private async access(user: SessionUser, lessonId: string): Promise<LessonAccessRow> {
    const editable = editableCondition(user);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT row_to_json(l) AS lesson, e.id AS enrolment_id, ${editable.sql.replace(/:editorId/g, '$2')} AS can_edit
         FROM lessons l
         JOIN courses c ON c.id = l.course_id
         LEFT JOIN enrolments e ON e.course_id = l.course_id AND e.user_id = $2 AND e.status IN ('active', 'completed')
        WHERE l.id = $1`,
      [lessonId, user.id],
    );
    const row = rows[0];
    const canEdit = Boolean(row?.can_edit);
    if (!row || (!row.enrolment_id && !canEdit)) throw new NotFoundError('lesson');
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
      canEdit,
    };
  }
}
