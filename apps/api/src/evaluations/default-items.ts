import { createHash } from 'node:crypto';
import type { EvaluationItemKind, Locale } from '@ctlp/contracts';

/**
 * The questionnaire of a course whose trainers wrote none: five statements and two questions, in
 * the course's language. Authored text like any other once a trainer saves the questionnaire (the
 * editor starts from these, with the same ids, so answers given before stay with their items).
 */
const DEFAULTS: Record<Locale, string[]> = {
  en: [
    'The course met its stated objectives.',
    'The content was relevant to my work.',
    'The course was well organised and easy to follow.',
    'I will be able to apply what I learned in my work.',
    'I would recommend this course to colleagues.',
    'What was most useful in this course?',
    'What should be improved?',
  ],
  fr: [
    'Le cours a atteint les objectifs annoncés.',
    'Le contenu était pertinent pour mon travail.',
    'Le cours était bien organisé et facile à suivre.',
    'Je pourrai appliquer ce que j’ai appris dans mon travail.',
    'Je recommanderais ce cours à des collègues.',
    'Qu’avez-vous trouvé le plus utile dans ce cours ?',
    'Que faudrait-il améliorer ?',
  ],
  es: [
    'El curso cumplió los objetivos anunciados.',
    'El contenido fue pertinente para mi trabajo.',
    'El curso estaba bien organizado y era fácil de seguir.',
    'Podré aplicar lo aprendido en mi trabajo.',
    'Recomendaría este curso a mis colegas.',
    '¿Qué fue lo más útil de este curso?',
    '¿Qué debería mejorarse?',
  ],
  ru: [
    'Курс достиг заявленных целей.',
    'Содержание курса было актуально для моей работы.',
    'Курс был хорошо организован, и его было легко проходить.',
    'Я смогу применить полученные знания в своей работе.',
    'Я бы порекомендовал(а) этот курс коллегам.',
    'Что в этом курсе было наиболее полезным?',
    'Что следует улучшить?',
  ],
  ar: [
    'حقّقت الدورة الأهداف المعلنة.',
    'كان المحتوى وثيق الصلة بعملي.',
    'كانت الدورة منظمة جيدًا وسهلة المتابعة.',
    'سأتمكن من تطبيق ما تعلمته في عملي.',
    'أوصي زملائي بهذه الدورة.',
    'ما أكثر ما كان مفيدًا في هذه الدورة؟',
    'ما الذي ينبغي تحسينه؟',
  ],
  zh: [
    '本课程达到了既定目标。',
    '课程内容与我的工作相关。',
    '课程组织良好，易于学习。',
    '我能够将所学内容应用到工作中。',
    '我会向同事推荐本课程。',
    '本课程中最有用的是什么？',
    '有哪些需要改进的地方？',
  ],
};
const KINDS: EvaluationItemKind[] = ['likert', 'likert', 'likert', 'likert', 'likert', 'text', 'text'];

/** A default item's id: derived from the course, so the same item has the same id on every read. */
function defaultItemId(courseId: string, index: number): string {
  const hex = createHash('sha256').update(`evaluation-default:${courseId}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function defaultItems(courseId: string, language: Locale): Array<{ id: string; kind: EvaluationItemKind; prompt: string }> {
  return DEFAULTS[language].map((prompt, index) => ({ id: defaultItemId(courseId, index), kind: KINDS[index]!, prompt }));
}
