import { useTranslation } from 'react-i18next';
import { useDecideErasure } from '../../../api/personal-data/use-erasure-requests';
import { ReasonForm } from '../../../components/ReasonForm';

/** Refusing an erasure request with the reason the person will read. */
export function RefuseErasureForm({ id, name, onDone, onCancel }: { id: string; name: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const decide = useDecideErasure();
  return (
    <ReasonForm
      error={decide.error}
      pending={decide.isPending}
      label={t('erasure.reason', { name })}
      hint={t('erasure.reasonHint')}
      confirmLabel={t('erasure.confirmRefuse')}
      cancelLabel={t('erasure.cancel')}
      // The row (and this form) leave the list with the decision.
      onConfirm={(reason) => decide.mutateAsync({ id, kind: 'refuse', reason }).then(onDone, () => undefined)}
      onCancel={onCancel}
    />
  );
}
