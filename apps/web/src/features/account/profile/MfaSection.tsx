import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { useMfa } from '../../../api/me/use-me';
import { useConfirmMfa, useDisableMfa, useRegenerateRecoveryCodes, useStartMfa } from '../../../api/me/use-mfa';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { Notice } from '../../../components/Notice';
import { QrCode } from '../../../components/QrCode';

/** The 6-digit code field: digits on phones' keypads, filled in by apps that can. Field's id and aria props pass through. */
function CodeInput({ value, onChange, ...field }: { value: string; onChange: (value: string) => void }) {
  return (
    <input
      {...field}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]{6,7}"
      maxLength={7}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** Recovery codes, shown once: to copy or download, never shown again. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation('account');
  const [copied, setCopied] = useState(false);
  const text = `${codes.join('\n')}\n`;
  return (
    <div className="recovery-codes">
      <h3>{t('twoStep.recoveryTitle')}</h3>
      <p>{t('twoStep.recoveryIntro')}</p>
      <ul data-testid="recovery-codes" dir="ltr">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}>
          {t('twoStep.copy')}
        </button>{' '}
        <a
          className="button secondary"
          download="ctlp-recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
        >
          {t('twoStep.download')}
        </a>
      </p>
      <Notice message={copied ? t('twoStep.copied') : undefined} />
    </div>
  );
}

/** Setting up: the QR code and the secret to type, then a code from the app to confirm. */
function SetUp({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation('account');
  const start = useStartMfa();
  const confirm = useConfirmMfa();
  const [code, setCode] = useState('');
  const enrolment: Schemas['MfaEnrolmentDto'] | undefined = start.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate(code, { onSuccess: ({ recoveryCodes }) => onCodes(recoveryCodes) });
  }

  if (!enrolment) {
    return (
      <>
        <FormError error={start.error} />
        <button type="button" disabled={start.isPending} onClick={() => start.mutate()}>
          {t('twoStep.setUp')}
        </button>
      </>
    );
  }
  return (
    <Form error={confirm.error} onSubmit={submit}>
      <FormError />
      <ol>
        <li>{t('twoStep.scan')}</li>
      </ol>
      <QrCode text={enrolment.otpauthUrl} label={t('twoStep.qrLabel')} />
      <p>
        {t('twoStep.manual')}{' '}
        <code data-testid="mfa-secret" dir="ltr">
          {enrolment.secret}
        </code>
      </p>
      <Field label={t('twoStep.confirmCode')} name="code">
        <CodeInput value={code} onChange={setCode} />
      </Field>
      <button type="submit" disabled={confirm.isPending}>
        {t('twoStep.confirm')}
      </button>
    </Form>
  );
}

/** New recovery codes, given a code from the app. */
function Regenerate({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation('account');
  const regenerate = useRegenerateRecoveryCodes();
  const [code, setCode] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    regenerate.mutate(code, { onSuccess: ({ recoveryCodes }) => onCodes(recoveryCodes) });
  }
  return (
    <Form error={regenerate.error} onSubmit={submit}>
      <h3>{t('twoStep.regenerateTitle')}</h3>
      <FormError />
      <Field label={t('twoStep.currentCode')} name="code">
        <CodeInput value={code} onChange={setCode} />
      </Field>
      <button type="submit" className="secondary" disabled={regenerate.isPending}>
        {t('twoStep.regenerate')}
      </button>
    </Form>
  );
}

/** Turning two-step sign-in off, given the password; only for roles that do not require it. */
function TurnOff() {
  const { t } = useTranslation('account');
  const disable = useDisableMfa();
  const [password, setPassword] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    disable.mutate({ password });
  }
  return (
    <Form error={disable.error} onSubmit={submit}>
      <h3>{t('twoStep.turnOffTitle')}</h3>
      <FormError />
      <Field label={t('password.current')} name="password">
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={disable.isPending}>
        {t('twoStep.turnOff')}
      </button>
    </Form>
  );
}

/** Two-step sign-in (TOTP) of the signed-in user: set up, recovery codes, turning it off where allowed. */
export function MfaSection() {
  const { t } = useTranslation('account');
  const { data: mfa } = useMfa();
  const [codes, setCodes] = useState<string[]>();
  if (!mfa) return null;
  return (
    <section className="panel" aria-labelledby="profile-mfa" id="security">
      <h2 id="profile-mfa">{t('twoStep.title')}</h2>
      <p>{mfa.enabled ? t('twoStep.on') : mfa.required ? t('twoStep.requiredIntro') : t('twoStep.intro')}</p>
      {codes && <RecoveryCodes codes={codes} />}
      {!mfa.enabled && <SetUp onCodes={setCodes} />}
      {mfa.enabled && <Regenerate onCodes={setCodes} />}
      {mfa.enabled && !mfa.required && <TurnOff />}
    </section>
  );
}
