import { useTranslation } from 'react-i18next';
import type { User } from '../../api/client';
import { useDecideRegistration } from '../../api/registrations/use-decide-registration';
import { ReasonForm } from '../../components/ReasonForm';

/** Rejecting a registration with the reason the applicant will read. */
export function RejectForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideRegistration();
  return (
    <ReasonForm
      error={decide.error}
      pending={decide.isPending}
      label={t('vetting.reason', { name: user.fullName })}
      hint={t('vetting.reasonHint')}
      confirmLabel={t('vetting.confirmReject')}
      cancelLabel={t('common.cancel')}
      // The row (and this form) leave the list with the decision: onDone must run all the same.
      onConfirm={(reason) => decide.mutateAsync({ userId: user.id, kind: 'reject', reason }).then(onDone, () => undefined)}
      onCancel={onCancel}
    />
  );
}
