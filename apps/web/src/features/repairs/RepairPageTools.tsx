import { isClosedStatus, type Repair } from '@bancada/shared';
import { Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconTool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Empty, ErrorAlert, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import {
  useAvailableTools,
  useCheckinToolFromOrder,
  useCheckoutToolToOrder,
  useOrderTools,
} from './order-api';
import { Section } from './RepairPageDisplay';

/** Tools and equipment taken for this order, and taking one more. */
export function RepairPageTools({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const tools = useOrderTools(repair.id);
  const checkin = useCheckinToolFromOrder(repair.id);
  const mayMove = can('tools:checkout') && !isClosedStatus(repair.status);
  // the list is filtered here too, in case the server does not know the filter
  const items = (tools.data?.items ?? []).filter((tool) => tool.checkout?.repairId === repair.id);

  return (
    <Stack gap="lg">
      {mayMove ? <CheckoutForm repair={repair} /> : null}
      <Section id="repair-tools" title={t('repairPage.tools.title')}>
        <QueryStatus query={tools} rows={2} />
        {checkin.isError ? <ErrorAlert error={checkin.error} /> : null}
        {tools.data && items.length === 0 ? (
          <Empty title={t('repairPage.tools.empty')} icon={<IconTool size={28} aria-hidden />} />
        ) : null}
        <Stack gap="xs">
          {items.map((tool) => (
            <Card key={tool.id} withBorder padding="sm">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {tool.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <Text span ff="monospace" size="xs">
                      {tool.code}
                    </Text>
                    {tool.checkout
                      ? ` · ${
                          tool.checkout.technicianName
                            ? t('repairPage.tools.since', {
                                name: tool.checkout.technicianName,
                                date: format.dateTime(tool.checkout.at),
                              })
                            : t('repairPage.tools.sinceOnly', { date: format.dateTime(tool.checkout.at) })
                        }`
                      : ''}
                  </Text>
                </Stack>
                {can('tools:checkout') ? (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconArrowBackUp size={14} aria-hidden />}
                    loading={checkin.isPending && checkin.variables === tool.id}
                    onClick={() =>
                      checkin.mutate(tool.id, {
                        onSuccess: () => notifySuccess(t('tools.checkin.done', { name: tool.name })),
                      })
                    }
                  >
                    {t('repairPage.tools.checkin')}
                  </Button>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}

function CheckoutForm({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const available = useAvailableTools(true);
  const checkout = useCheckoutToolToOrder(repair.id);
  const [toolId, setToolId] = useState<string | null>(null);
  const technicianId = me.role === 'TECHNICIAN' ? me.id : repair.technicianId;
  const options = (available.data?.items ?? []).map((tool) => ({
    value: tool.id,
    label: `${tool.code} · ${tool.name}${tool.location ? ` (${tool.location})` : ''}`,
  }));

  const submit = () => {
    const tool = available.data?.items.find((item) => item.id === toolId);
    if (!tool) return;
    checkout.mutate(
      { toolId: tool.id, technicianId },
      {
        onSuccess: () => {
          notifySuccess(t('tools.checkout.done', { name: tool.name }));
          setToolId(null);
        },
      },
    );
  };

  return (
    <Section id="repair-tool-checkout" title={t('repairPage.tools.checkoutTitle')}>
      <Stack gap="sm">
        {checkout.isError ? <ErrorAlert error={checkout.error} /> : null}
        {available.isError ? (
          <ErrorAlert error={available.error} onRetry={() => void available.refetch()} />
        ) : null}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            style={{ flex: '1 1 16rem' }}
            label={t('repairPage.tools.pick')}
            placeholder={t('repairPage.tools.pickPlaceholder')}
            data={options}
            searchable
            clearable
            value={toolId}
            onChange={setToolId}
            nothingFoundMessage={
              available.isFetching ? t('common.loading') : t('repairPage.tools.noneAvailable')
            }
          />
          <Button
            leftSection={<IconArrowForwardUp size={16} aria-hidden />}
            disabled={!toolId}
            loading={checkout.isPending}
            onClick={submit}
          >
            {t('repairPage.tools.checkout')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {technicianId
            ? t('repairPage.tools.forTechnician', {
                name: me.role === 'TECHNICIAN' ? me.name : (repair.technicianName ?? '—'),
              })
            : t('repairPage.tools.forOrder')}
        </Text>
      </Stack>
    </Section>
  );
}
