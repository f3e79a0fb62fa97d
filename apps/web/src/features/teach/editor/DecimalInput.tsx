import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decimalSeparator, parseDecimal } from '../../courses/quiz/quiz-answers';
import { Field } from '../../../components/Field';

/**
 * A number typed the author's way ("2,5" in French): kept as typed while it is being written, and
 * passed on once it reads as a number. Not type=number, which refuses a comma in many browsers.
 */
export function DecimalInput({
  label,
  name,
  value,
  onChange,
  hint,
}: {
  label: string;
  name: string;
  value: number;
  onChange: (value: number) => void;
  hint?: string;
}) {
  const { t, i18n } = useTranslation('courses');
  const [text, setText] = useState(() => String(value).replace('.', decimalSeparator(i18n.language)));
  const unreadable = text.trim() !== '' && parseDecimal(text, i18n.language) === null;
  return (
    <Field
      label={label}
      name={name}
      hint={hint}
      error={unreadable ? t('quiz.notANumber', { example: `3${decimalSeparator(i18n.language)}5` }) : undefined}
    >
      <input
        type="text"
        inputMode="decimal"
        dir="ltr"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parseDecimal(event.target.value, i18n.language);
          if (parsed !== null) onChange(parsed);
        }}
      />
    </Field>
  );
}
