import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Schemas } from '../../../api/client';
import { useCourse } from '../../../api/courses/use-course';
import { useQuestionBank } from '../../../api/learning/use-question-bank';
import { FieldErrorMessage } from '../../../components/Field';
import { BankDialog } from './BankDialog';
import { QuestionEditor, newQuestion, type QuizDraft } from './QuestionEditor';
import { QuizPurposeField } from './QuizPurposeField';
import { QuizSettings } from './QuizSettings';

export { newQuestion, type QuizDraft } from './QuestionEditor';

/** A new quiz starts with one question to show the author the shape. */
export function sampleQuiz(t: (key: string) => string): QuizDraft {
  return {
    passMark: 70,
    maxAttempts: 3,
    drawCount: null,
    drawByTopic: null,
    shuffle: false,
    timeLimitMinutes: null,
    questions: [
      {
        ...newQuestion('single', t),
        prompt: t('quizBuilder.samplePrompt'),
        options: [
          { text: t('quizBuilder.sampleRight'), correct: true },
          { text: t('quizBuilder.sampleWrong'), correct: false },
        ],
      },
    ],
  };
}

type AuthorQuiz = NonNullable<Schemas['LessonDto']['quiz']>;

/**
 * The quiz as the builder edits it, from what the API shows its trainers: only the fields the
 * API takes back (the learner-facing ones, match choices or the pool size, would be refused).
 */
export function quizDraft(quiz: AuthorQuiz | null | undefined): QuizDraft | undefined {
  if (!quiz) return undefined;
  return {
    purpose: quiz.purpose,
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    drawCount: quiz.drawCount,
    drawByTopic: quiz.drawByTopic,
    shuffle: quiz.shuffle,
    timeLimitMinutes: quiz.timeLimitMinutes,
    questions: quiz.questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      topic: q.topic,
      explanation: q.explanation ?? '',
      ...(q.numeric ? { numeric: { answer: q.numeric.answer, tolerance: q.numeric.tolerance } } : {}),
      options: q.options.map((o) => ({
        id: o.id,
        text: o.text,
        ...(q.type === 'matching' ? { match: o.match ?? '', ...(o.matchId ? { matchId: o.matchId } : {}) } : {}),
        ...(q.type === 'matching' || q.type === 'ordering' ? {} : { correct: Boolean(o.correct) }),
        feedback: o.feedback ?? '',
      })),
    })),
  };
}

/** The topics to suggest: the course's bank and this quiz's own, each once. */
function useTopics(courseId: string | undefined, quiz: QuizDraft): string[] {
  const bank = useQuestionBank(courseId ?? '', '', Boolean(courseId));
  const own = quiz.questions.map((q) => q.topic?.trim() ?? '');
  return [...new Set([...(bank.data?.topics ?? []), ...own].filter(Boolean))].sort();
}

/** Settings, questions, options and the right answers; the API checks the whole quiz when it is saved. */
export function QuizBuilder({ quiz, onChange }: { quiz: QuizDraft; onChange: (quiz: QuizDraft) => void }) {
  const { t } = useTranslation('courses');
  // The builder sits in the course editor's lesson dialog, whose page names the course.
  const { courseId: routeCourse } = useParams();
  const courseId = useCourse(routeCourse ?? '').data?.id;
  const topics = useTopics(courseId, quiz);
  const topicsListId = `${useId()}-topics`;
  const [bankOpen, setBankOpen] = useState(false);
  return (
    <div className="quiz-builder">
      <FieldErrorMessage name="quiz" />
      <QuizPurposeField quiz={quiz} onChange={onChange} />
      <QuizSettings quiz={quiz} onChange={onChange} />
      <datalist id={topicsListId}>
        {topics.map((topic) => (
          <option key={topic} value={topic} />
        ))}
      </datalist>
      <FieldErrorMessage name="quiz.questions" />
      {quiz.questions.map((question, index) => (
        <QuestionEditor
          key={question.id ?? `new-${index}`}
          question={question}
          index={index}
          topicsListId={topicsListId}
          onChange={(next) => onChange({ ...quiz, questions: quiz.questions.map((q, i) => (i === index ? next : q)) })}
          onRemove={() => onChange({ ...quiz, questions: quiz.questions.filter((_, i) => i !== index) })}
        />
      ))}
      <p className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ ...quiz, questions: [...quiz.questions, newQuestion('single', t)] })}
        >
          {t('quizBuilder.addQuestion')}
        </button>
        {courseId && (
          <button type="button" className="secondary" onClick={() => setBankOpen(true)}>
            {t('quizBuilder.fromBank')}
          </button>
        )}
      </p>
      {bankOpen && courseId && (
        <BankDialog
          courseId={courseId}
          onClose={() => setBankOpen(false)}
          onAdd={(added) => {
            onChange({ ...quiz, questions: [...quiz.questions, ...added] });
            setBankOpen(false);
          }}
        />
      )}
    </div>
  );
}
