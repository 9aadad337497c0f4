import {
  DATA_REQUEST_STATUSES,
  DataRequestResolveSchema,
  type DataRequestStatus,
  type StaffDataRequest,
} from '@bancada/shared';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUserShield } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useResolveDataRequest, useStaffDataRequests } from '../portal/api';
import { DATA_REQUEST_COLORS } from '../portal/display';

/** Customers' correction and deletion requests from the portal (LGPD art. 18), answered by staff. */
export function DataRequestsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<DataRequestStatus | null>('OPEN');
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<StaffDataRequest | null>(null);
  const requests = useStaffDataRequests(status, page);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('portal.staff.requestsIntro')}
      </Text>
      <Select
        label={t('portal.staff.filter')}
        w={220}
        data={[
          { value: 'all', label: t('portal.staff.all') },
          ...DATA_REQUEST_STATUSES.map((value) => ({ value, label: t(`portal.privacy.statuses.${value}`) })),
        ]}
        value={status ?? 'all'}
        allowDeselect={false}
        onChange={(value) => {
          setStatus(value && value !== 'all' ? (value as DataRequestStatus) : null);
          setPage(1);
        }}
      />
      <QueryStatus query={requests} rows={3} />
      {requests.data && requests.data.items.length === 0 ? (
        <Empty icon={<IconUserShield size={28} aria-hidden />} title={t('portal.staff.requestsEmpty')} />
      ) : null}
      {requests.data?.items.map((request) => (
        <Card key={request.id} withBorder radius="md" padding="md">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Text fw={600}>{t(`portal.privacy.kinds.${request.kind}`)}</Text>
                <Badge variant="light" color={DATA_REQUEST_COLORS[request.status]}>
                  {t(`portal.privacy.statuses.${request.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {format.dateTime(request.createdAt)}
              </Text>
            </Group>
            <Anchor component={Link} to={`/customers/${request.customerId}`} size="sm">
              {request.customerName}
            </Anchor>
            {request.message ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {request.message}
              </Text>
            ) : null}
            {request.answer ? (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {t('portal.staff.answeredBy', {
                  name: request.resolvedByName ?? '—',
                  date: format.dateTime(request.resolvedAt),
                  answer: request.answer,
                })}
              </Text>
            ) : null}
            {request.status === 'OPEN' ? (
              <Group>
                <Button size="xs" variant="light" onClick={() => setResolving(request)}>
                  {t('portal.staff.resolve')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Card>
      ))}
      {requests.data && requests.data.total > requests.data.pageSize ? (
        <Paging
          total={requests.data.total}
          page={page}
          pageSize={requests.data.pageSize}
          onChange={setPage}
        />
      ) : null}
      <Modal
        opened={resolving !== null}
        onClose={() => setResolving(null)}
        title={t('portal.staff.resolveTitle')}
      >
        {resolving ? <ResolveForm request={resolving} onDone={() => setResolving(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function ResolveForm({ request, onDone }: { request: StaffDataRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveDataRequest();
  const form = useForm<{ status: 'DONE' | 'REJECTED'; answer: string }>({
    initialValues: { status: 'DONE', answer: '' },
    validate: zodResolver(DataRequestResolveSchema),
  });
  const submit = form.onSubmit((values) => {
    resolve.mutate(
      { id: request.id, body: values },
      {
        onSuccess: () => {
          notifySuccess(t('portal.staff.resolved'));
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form.setErrors, error)) notifyError(error);
        },
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t(`portal.privacy.kinds.${request.kind}`)} · {request.customerName}
        </Text>
        {request.kind === 'DELETION' ? (
          <Text size="xs" c="dimmed">
            {t('portal.staff.deletionHint')}
          </Text>
        ) : null}
        <SegmentedControl
          fullWidth
          aria-label={t('portal.staff.outcome')}
          data={[
            { value: 'DONE', label: t('portal.privacy.statuses.DONE') },
            { value: 'REJECTED', label: t('portal.privacy.statuses.REJECTED') },
          ]}
          {...form.getInputProps('status')}
        />
        <Textarea
          label={t('portal.staff.answer')}
          description={t('portal.staff.answerHint')}
          autosize
          minRows={3}
          maxLength={5000}
          withAsterisk
          {...form.getInputProps('answer')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={resolve.isPending}>
            {t('portal.staff.resolve')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
