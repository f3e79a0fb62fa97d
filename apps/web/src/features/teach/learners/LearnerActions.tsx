import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReinstateCertificate, useRevokeCertificate } from '../../../api/certificates/use-revoke-certificate';
import type { Schemas } from '../../../api/client';
import { useDecideEnrolment } from '../../../api/enrolments/use-enrolment-decisions';
import { useMe } from '../../../api/me/use-me';
import { useToast } from '../../../components/Feedback';
import { Field } from '../../../components/Field';
import { Form } from '../../../components/Form';
import { FormError } from '../../../components/FormError';
import { useErrorText } from '../../../components/use-error-text';

type Learner = Schemas['LearnerDto'];

function RevokeForm({ certificateId, serial, onDone }: { certificateId: string; serial: string; onDone: () => void }) {
  const { t } = useTranslation('courses');
  const revoke = useRevokeCertificate();
  const reinstate = useReinstateCertificate();
  const toast = useToast();
  const { errorText } = useErrorText();
  const [reason, setReason] = useState('');
  function revoked() {
    onDone();
    toast({
      message: t('certificates.revoked', { serial }),
      action: {
        label: t('certificates.undoRevoke'),
        run: () =>
          // mutateAsync: this form has closed by now, and a closed form's mutate callbacks never run.
          void reinstate.mutateAsync(certificateId).then(
            () => toast({ message: t('certificates.reinstated', { serial }) }),
            (error: unknown) => toast({ message: errorText(error), tone: 'error' }),
          ),
      },
    });
  }
  return (
    <Form
      error={revoke.error}
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        revoke.mutate({ id: certificateId, reason }, { onSuccess: revoked });
      }}
    >
      <FormError />
      <Field label={t('certificates.revokeReason', { serial })} name="reason">
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <button type="submit" className="danger" disabled={revoke.isPending}>
        {t('certificates.confirmRevoke')}
      </button>
      <button type="button" className="secondary" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </Form>
  );
}

/** Revoking a learner's certificate (admins only). */
function RevokeCertificate({ certificate }: { certificate: NonNullable<Learner['certificate']> }) {
  const { t } = useTranslation('courses');
  const { data: me } = useMe();
  const [revoking, setRevoking] = useState(false);
  if (certificate.revokedAt || !me?.roles.includes('admin')) return null;
  if (revoking) return <RevokeForm certificateId={certificate.id} serial={certificate.serial} onDone={() => setRevoking(false)} />;
  return (
    <button type="button" className="secondary" onClick={() => setRevoking(true)}>
      {t('certificates.revoke')}
      <span className="visually-hidden"> {certificate.serial}</span>
    </button>
  );
}

/** Approving or declining a request to join. */
function Decision({ learner }: { learner: Learner }) {
  const { t } = useTranslation('courses');
  const decide = useDecideEnrolment();
  return (
    <>
      <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ id: learner.id, decision: 'approve' })}>
        {t('learners.approve')}
        <span className="visually-hidden"> {learner.fullName}</span>
      </button>
      <button
        type="button"
        className="danger"
        disabled={decide.isPending}
        onClick={() => decide.mutate({ id: learner.id, decision: 'reject' })}
      >
        {t('learners.reject')}
        <span className="visually-hidden"> {learner.fullName}</span>
      </button>
      <FormError error={decide.error} />
    </>
  );
}

/** What a trainer (or an admin) can do about one learner. */
export function LearnerActions({ learner }: { learner: Learner }) {
  return (
    <div className="row-actions">
      {learner.certificate && <RevokeCertificate certificate={learner.certificate} />}
      {learner.status === 'pending' && <Decision learner={learner} />}
    </div>
  );
}
