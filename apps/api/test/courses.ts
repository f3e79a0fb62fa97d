import type TestAgent from 'supertest/lib/agent.js';

export interface BuiltCourse {
  id: string;
  moduleId: string;
  textLessonIds: string[];
  quizLessonId?: string;
  quiz?: { questionIds: string[]; rightOptionIds: string[][]; wrongOptionIds: string[] };
}

/** A course authored through the API by a signed-in trainer: one module, text lessons, optionally a quiz. */
export async function buildCourse(
  trainer: TestAgent,
  options: {
    title?: string;
    textLessons?: number;
    quiz?: { maxAttempts: number | null; passMark?: number };
    publish?: boolean;
    course?: Record<string, unknown>;
  } = {},
): Promise<BuiltCourse> {
  const course = await trainer
    .post('/api/courses')
    .send({
      title: options.title ?? 'Criminal justice responses to terrorism',
      summary: 'A test course',
      enrolmentPolicy: 'open',
      ...options.course,
    })
    .expect(201);
  const module = await trainer.post(`/api/courses/${course.body.id}/modules`).send({ title: 'Module 1' }).expect(201);
  const textLessonIds: string[] = [];
  for (let i = 0; i < (options.textLessons ?? 1); i++) {
    const lesson = await trainer
      .post(`/api/modules/${module.body.id}/lessons`)
      .send({ title: `Lesson ${i + 1}`, kind: 'text', body: `# Lesson ${i + 1}\n\nThe rule of law.` })
      .expect(201);
    textLessonIds.push(lesson.body.id);
  }
  const built: BuiltCourse = { id: course.body.id, moduleId: module.body.id, textLessonIds };
  if (options.quiz) {
    const quiz = await trainer
      .post(`/api/modules/${module.body.id}/lessons`)
      .send({
        title: 'Check your understanding',
        kind: 'quiz',
        quiz: {
          passMark: options.quiz.passMark ?? 50,
          maxAttempts: options.quiz.maxAttempts,
          questions: [
            {
              type: 'single',
              prompt: 'Which body adopted resolution 1373 (2001)?',
              options: [
                { text: 'The Security Council', correct: true },
                { text: 'The General Assembly', correct: false },
              ],
            },
            {
              type: 'true_false',
              prompt: 'Human rights apply in counter-terrorism investigations.',
              options: [
                { text: 'True', correct: true },
                { text: 'False', correct: false },
              ],
            },
          ],
        },
      })
      .expect(201);
    built.quizLessonId = quiz.body.id;
    const questions = quiz.body.quiz.questions as Array<{ id: string; options: Array<{ id: string; correct: boolean }> }>;
    built.quiz = {
      questionIds: questions.map((q) => q.id),
      rightOptionIds: questions.map((q) => q.options.filter((o) => o.correct).map((o) => o.id)),
      wrongOptionIds: questions.map((q) => q.options.find((o) => !o.correct)!.id),
    };
  }
  if (options.publish ?? true) await trainer.post(`/api/courses/${built.id}/publish`).expect(200);
  return built;
}

/** Answers for every question of a built quiz: all right, or all wrong. */
export function answers(course: BuiltCourse, right: boolean) {
  return {
    answers: course.quiz!.questionIds.map((questionId, index) => ({
      questionId,
      optionIds: right ? course.quiz!.rightOptionIds[index] : [course.quiz!.wrongOptionIds[index]],
    })),
  };
}
