import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERASURE_REQUESTS_PAGE_SIZE, useDecideErasure, useErasureRequests } from '../../../api/personal-data/use-erasure-requests';
import { AsyncTable } from '../../../components/Async';
import { useConfirm, useToast } from '../../../components/Feedback';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { usePageTitle } from '../../../components/use-page-title';
import { dateFormat } from '../../../intl';
import { RefuseErasureForm } from './RefuseErasureForm';

/** Open erasure requests, oldest first: complete one (the person is pseudonymised) or refuse it with a reason. */
export function ErasureRequestsPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('erasure.title'));
  const [offset, setOffset] = useState(0);
  const [refusing, setRefusing] = useState<string>();
  const requests = useErasureRequests(ERASURE_REQUESTS_PAGE_SIZE, offset);
  const decide = useDecideErasure();
  const confirm = useConfirm();
  const toast = useToast();
  const when = dateFormat(i18n.language, { dateStyle: 'medium' });

  async function complete(id: string, name: string) {
    const yes = await confirm({
      title: t('erasure.completeTitle', { name }),
      body: t('erasure.completeBody'),
      confirmLabel: t('erasure.complete'),
      danger: true,
    });
    if (yes)
      decide.mutate({ id, kind: 'complete' }, { onSuccess: () => toast({ message: t('erasure.completed', { name }), tone: 'success' }) });
  }

  return (
    <section>
      <h1>{t('erasure.title')}</h1>
      <p>{t('erasure.intro')}</p>
      <FormError error={decide.error} />
      <AsyncTable
        cardsOnPhones
        query={requests}
        caption={t('erasure.title')}
        empty={t('erasure.empty')}
        columns={[t('erasure.person'), t('erasure.email'), t('erasure.memberState'), t('erasure.requestedAt'), t('erasure.actions')]}
        rowKey={(request) => request.id}
        row={(request) => (
          <>
            <th scope="row">
              <bdi>{request.fullName}</bdi>
            </th>
            <td>{request.email}</td>
            <td>{request.memberState}</td>
            <td>{when.format(new Date(request.requestedAt))}</td>
            <td>
              {refusing === request.id ? (
                <RefuseErasureForm
                  id={request.id}
                  name={request.fullName}
                  onCancel={() => setRefusing(undefined)}
                  onDone={() => {
                    setRefusing(undefined);
                    toast({ message: t('erasure.refused', { name: request.fullName }), tone: 'success' });
                  }}
                />
              ) : (
                <span className="actions">
                  <button
                    type="button"
                    className="danger"
                    disabled={decide.isPending}
                    onClick={() => void complete(request.id, request.fullName)}
                  >
                    {t('erasure.complete')}
                    <span className="visually-hidden"> {request.fullName}</span>
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => setRefusing(request.id)}>
                    {t('erasure.refuse')}
                    <span className="visually-hidden"> {request.fullName}</span>
                  </button>
                </span>
              )}
            </td>
          </>
        )}
      />
      {requests.data && <Pagination total={requests.data.total} limit={ERASURE_REQUESTS_PAGE_SIZE} offset={offset} onChange={setOffset} />}
    </section>
  );
}
