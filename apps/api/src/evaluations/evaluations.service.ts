import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FieldError } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { defaultItems } from './default-items.js';
import {
  EVALUATION_THRESHOLD,
  type EvaluationDto,
  type EvaluationInputDto,
  type EvaluationResponseInputDto,
  type EvaluationResultsDto,
} from './dto/evaluation.dto.js';
import type { EvaluationAnswer } from './evaluation-response.entity.js';
import { EvaluationsRepository, type EvaluationItemRow } from './evaluations.repository.js';

/**
 * A course's end-of-course questionnaire: its trainers write it (or keep the default one), each
 * enrolment answers it once the end is reached, and the trainers see the results once five have.
 * Responses are anonymous by construction: the response row holds the answers and the month, and
 * the row saying an enrolment has answered holds no link to it; no audit event names the learner.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationsRepository,
  ) {}

  /** The questionnaire, for the course's trainers and admins and its enrolled learners; 404 for anyone else. */
  async evaluation(user: SessionUser, courseId: string): Promise<EvaluationDto> {
    const course = await this.evaluations.course(user, courseId);
    if (!course || (!course.canEdit && !course.enrolmentId)) throw new NotFoundError('course');
    const stored = await this.evaluations.items(courseId);
    return {
      items: stored.length ? stored : defaultItems(courseId, course.language),
      isDefault: stored.length === 0,
      ...(course.enrolmentId ? { learner: { open: course.open, answered: course.answered } } : {}),
    };
  }

  /**
   * Replaces the questionnaire, for the course's trainers and admins (404 for anyone else). An item
   * keeps its answers by keeping its id; the ids must be the questionnaire's (the default items'
   * too, while it is the default one).
   */
  async updateItems(user: SessionUser, courseId: string, dto: EvaluationInputDto): Promise<EvaluationDto> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.evaluations.lockEditable(user, courseId, manager);
      if (!course) throw new NotFoundError('course');
      const known = new Set((await this.current(courseId, course.language, manager)).map((item) => item.id));
      const fields: Record<string, FieldError> = {};
      const seen = new Set<string>();
      dto.items.forEach((item, index) => {
        if (!item.id) return;
        if (!known.has(item.id)) fields[`items.${index}.id`] = fieldError(`items.${index}.id`, 'not_an_item_of_evaluation');
        else if (seen.has(item.id)) fields[`items.${index}.id`] = fieldError(`items.${index}.id`, 'duplicate_items');
        seen.add(item.id);
      });
      if (Object.keys(fields).length) throw new ValidationError(fields);
      await this.evaluations.replaceItems(courseId, dto.items, manager);
    });
    return this.evaluation(user, courseId);
  }

  /**
   * Records a learner's answers, once per enrolment, once the end of the course is reached: 404
   * when not enrolled, 409 evaluation_not_open before the end, 409 evaluation_already_answered the
   * second time (the submissions' primary key decides a race).
   */
  async respond(user: SessionUser, courseId: string, dto: EvaluationResponseInputDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.evaluations.course(user, courseId, manager);
      if (!course?.enrolmentId) throw new NotFoundError('course');
      if (course.answered) throw new AppError('evaluation_already_answered');
      if (!course.open) throw new AppError('evaluation_not_open');
      const answers = this.checkAnswers(await this.current(courseId, course.language, manager), dto);
      if (!(await this.evaluations.markAnswered(course.enrolmentId, manager))) throw new AppError('evaluation_already_answered');
      await this.evaluations.insertResponse(courseId, answers, manager);
    });
  }

  /**
   * The results, for the course's trainers and admins (404 for anyone else). Below the threshold
   * nothing leaves the API but the items themselves: no count, no figure, no text.
   */
  async results(user: SessionUser, courseId: string): Promise<EvaluationResultsDto> {
    const course = await this.evaluations.course(user, courseId);
    if (!course?.canEdit) throw new NotFoundError('course');
    const items = await this.current(courseId, course.language);
    const responses = await this.evaluations.responseCount(courseId);
    if (responses < EVALUATION_THRESHOLD) {
      return {
        threshold: EVALUATION_THRESHOLD,
        shown: false,
        responses: null,
        items: items.map(({ id, kind, prompt }) => ({ id, kind, prompt })),
      };
    }
    const tally = new Map((await this.evaluations.tally(courseId)).map((row) => [row.itemId, row]));
    return {
      threshold: EVALUATION_THRESHOLD,
      shown: true,
      responses,
      items: items.map(({ id, kind, prompt }) => {
        const row = tally.get(id);
        if (kind === 'likert') {
          const distribution = row?.distribution ?? [0, 0, 0, 0, 0];
          const count = distribution.reduce((sum, n) => sum + n, 0);
          return { id, kind, prompt, count, mean: row?.mean == null ? null : Number(row.mean), distribution };
        }
        const texts = row?.texts ?? [];
        return { id, kind, prompt, count: texts.length, texts };
      }),
    };
  }

  private async current(
    courseId: string,
    language: Parameters<typeof defaultItems>[1],
    manager?: EntityManager,
  ): Promise<EvaluationItemRow[]> {
    const stored = await this.evaluations.items(courseId, manager);
    return stored.length ? stored : defaultItems(courseId, language);
  }

  /** Each answer must be to an item of the questionnaire, once, in the item's kind: a rating or a text. */
  private checkAnswers(items: EvaluationItemRow[], dto: EvaluationResponseInputDto): EvaluationAnswer[] {
    const byId = new Map(items.map((item) => [item.id, item]));
    const fields: Record<string, FieldError> = {};
    const seen = new Set<string>();
    const answers: EvaluationAnswer[] = [];
    dto.answers.forEach((answer, index) => {
      const item = byId.get(answer.itemId);
      const at = `answers.${index}`;
      if (!item) fields[`${at}.itemId`] = fieldError(`${at}.itemId`, 'not_an_item_of_evaluation');
      else if (seen.has(item.id)) fields[`${at}.itemId`] = fieldError(`${at}.itemId`, 'duplicate_items');
      else if (item.kind === 'likert' && (answer.rating === undefined || answer.text !== undefined))
        fields[at] = fieldError(at, 'answer_does_not_fit_item');
      else if (item.kind === 'text' && (answer.text === undefined || answer.rating !== undefined))
        fields[at] = fieldError(at, 'answer_does_not_fit_item');
      else answers.push(item.kind === 'likert' ? { itemId: item.id, rating: answer.rating! } : { itemId: item.id, text: answer.text! });
      if (item) seen.add(item.id);
    });
    if (Object.keys(fields).length) throw new ValidationError(fields);
    return answers;
  }
}
