import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { EnrolmentPolicy, Locale, QuestionType } from '@ctlp/contracts';
import { renderMarkdown } from '../../common/markdown.js';
import { CourseEntity } from '../../courses/course.entity.js';
import { LessonEntity, type Quiz } from '../../courses/lesson.entity.js';
import { ModuleEntity } from '../../courses/module.entity.js';
import { UserEntity } from '../../users/user.entity.js';
import { readDemoAccounts } from './demo-accounts.seeder.js';

export const DEMO_COURSES_DIR = path.resolve(import.meta.dirname, '../../../../../seeds/courses');
const QUIZ_MINUTES = 10;

interface DemoQuiz {
  passMark: number;
  maxAttempts: number | null;
  questions: Array<{ type: QuestionType; prompt: string; options: Array<{ text: string; correct: boolean }> }>;
}

export interface DemoCourse {
  slug: string;
  title: string;
  summary: string;
  description: string;
  language: Locale;
  topics: string[];
  enrolmentPolicy: EnrolmentPolicy;
  certificate: { enabled: boolean; validityMonths: number | null };
  modules: Array<{
    title: string;
    lessons: Array<{ title: string; file?: string; estimatedMinutes?: number; quiz?: DemoQuiz }>;
  }>;
}

/** Each folder of seeds/courses: a course.json and the Markdown of its lessons under lessons/. */
export function readDemoCourses(): Array<DemoCourse & { dir: string }> {
  return readdirSync(DEMO_COURSES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = path.join(DEMO_COURSES_DIR, name);
      return { ...(JSON.parse(readFileSync(path.join(dir, 'course.json'), 'utf8')) as DemoCourse), dir };
    });
}

/**
 * Publishes the demo courses that are missing, owned by the demo trainer. A course already there
 * (found by slug) is left as it is, whatever was edited since.
 */
export async function seedDemoCourses(manager: EntityManager): Promise<number> {
  const trainerEmail = readDemoAccounts().accounts.find((account) => account.roles.includes('trainer'))?.email;
  const owner = trainerEmail ? await manager.getRepository(UserEntity).findOneBy({ email: trainerEmail }) : null;
  if (!owner) return 0;
  let created = 0;
  for (const demo of readDemoCourses()) {
    if (await manager.getRepository(CourseEntity).existsBy({ slug: demo.slug })) continue;
    const courseId = randomUUID();
    const lessons: Array<Partial<LessonEntity>> = [];
    const modules = demo.modules.map((module, modulePosition) => {
      const moduleId = randomUUID();
      module.lessons.forEach((lesson, position) => {
        const body = lesson.file ? readFileSync(path.join(demo.dir, 'lessons', lesson.file), 'utf8') : '';
        lessons.push({
          id: randomUUID(),
          courseId,
          moduleId,
          title: lesson.title,
          kind: lesson.quiz ? 'quiz' : 'text',
          position,
          estimatedMinutes: lesson.estimatedMinutes ?? (lesson.quiz ? QUIZ_MINUTES : 0),
          body,
          bodyHtml: renderMarkdown(body),
          quiz: lesson.quiz ? withIds(lesson.quiz) : null,
        });
      });
      return { id: moduleId, courseId, title: module.title, position: modulePosition };
    });
    await manager.getRepository(CourseEntity).insert({
      id: courseId,
      slug: demo.slug,
      title: demo.title,
      summary: demo.summary,
      description: demo.description,
      descriptionHtml: renderMarkdown(demo.description),
      language: demo.language,
      topics: demo.topics,
      estimatedMinutes: lessons.reduce((sum, lesson) => sum + (lesson.estimatedMinutes ?? 0), 0),
      enrolmentPolicy: demo.enrolmentPolicy,
      certificateEnabled: demo.certificate.enabled,
      certificateValidityMonths: demo.certificate.validityMonths,
      ownerId: owner.id,
      status: 'published',
      publishedAt: new Date(),
    });
    await manager.getRepository(ModuleEntity).insert(modules);
    await manager.getRepository(LessonEntity).insert(lessons);
    created++;
  }
  return created;
}

function withIds(quiz: DemoQuiz): Quiz {
  return {
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    questions: quiz.questions.map((question) => ({
      id: randomUUID(),
      type: question.type,
      prompt: question.prompt,
      options: question.options.map((option) => ({ id: randomUUID(), text: option.text, correct: option.correct })),
    })),
  };
}
