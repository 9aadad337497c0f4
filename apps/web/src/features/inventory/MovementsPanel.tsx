import type { Component, MovementType, StockMovement } from '@bancada/shared';
import { LineChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowsSort } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { Panel } from '../customers/CustomerDataTab';
import { useMovements } from './api';

const PAGE_SIZE = 20;

export const MOVEMENT_COLORS: Record<MovementType, string> = {
  IN: 'teal',
  ADJUST: 'orange',
  RESERVE: 'blue',
  RELEASE: 'gray',
  CONSUME: 'grape',
};

/** IN and ADJUST carry their sign; the others move a positive amount out of (or back into) stock. */
function signedQuantity(movement: StockMovement): number {
  switch (movement.type) {
    case 'IN':
    case 'ADJUST':
      return movement.quantity;
    case 'RELEASE':
      return Math.abs(movement.quantity);
    case 'RESERVE':
    case 'CONSUME':
      return -Math.abs(movement.quantity);
  }
}

function DocumentLink({ movement }: { movement: StockMovement }) {
  const { t } = useTranslation();
  if (!movement.documentType) return <>—</>;
  if (movement.documentType === 'purchase_order') {
    return (
      <Anchor component={Link} to={`/purchase-orders/${movement.documentId}`} size="sm">
        {t('inventory.movements.purchaseOrder')}
      </Anchor>
    );
  }
  if (movement.documentType === 'repair') return <>{t('inventory.movements.repair')}</>;
  if (movement.documentType === 'initial') return <>{t('inventory.fields.initialStock')}</>;
  return <>{movement.documentType}</>;
}

export function MovementsPanel({ component }: { component: Component }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const movements = useMovements(component.id, page, PAGE_SIZE);
  const signed = (value: number) =>
    `${value > 0 ? '+' : value < 0 ? '−' : ''}${format.number(Math.abs(value))}`;
  const typeBadge = (type: MovementType) => (
    <Badge size="sm" variant="light" color={MOVEMENT_COLORS[type]} style={{ minWidth: 'max-content' }}>
      {t(`inventory.movements.types.${type}`)}
    </Badge>
  );

  // stock after each movement of the page shown, oldest first
  const chartData = [...(movements.data?.items ?? [])]
    .reverse()
    .map((movement) => ({ at: format.dateTime(movement.at), stock: movement.stockAfter }));

  return (
    <Panel id="component-movements" title={t('inventory.movements.title')}>
      <QueryStatus query={movements} rows={4} />
      {movements.data && movements.data.items.length === 0 ? (
        <Empty icon={<IconArrowsSort size={28} aria-hidden />} title={t('inventory.movements.none')} />
      ) : null}
      {movements.data && movements.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: movements.isPlaceholderData ? 0.6 : 1 }}>
          {chartData.length > 1 ? (
            <Paper withBorder p="md" radius="md">
              <Text size="sm" fw={500} mb="xs" id="stock-chart-title">
                {t('inventory.movements.chartTitle')}
              </Text>
              <LineChart
                h={160}
                data={chartData}
                dataKey="at"
                series={[{ name: 'stock', label: t('inventory.fields.available'), color: 'cyan.6' }]}
                curveType="stepAfter"
                tickLine="none"
                gridAxis="y"
                withDots={chartData.length < 30}
                yAxisProps={{ width: 40 }}
                referenceLines={[
                  { y: component.minStock, label: t('inventory.fields.minStock'), color: 'red.6' },
                ]}
                role="img"
                aria-labelledby="stock-chart-title"
                aria-describedby="stock-chart-summary"
              />
              <VisuallyHidden id="stock-chart-summary">
                {chartData.map((point) => `${point.at}: ${format.number(point.stock)}`).join(', ')}
              </VisuallyHidden>
            </Paper>
          ) : null}

          <Table.ScrollContainer minWidth={760} visibleFrom="sm">
            <Table verticalSpacing="xs" aria-label={t('inventory.movements.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inventory.movements.when')}</Table.Th>
                  <Table.Th>{t('inventory.movements.type')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.movements.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.movements.stockAfter')}</Table.Th>
                  <Table.Th>{t('inventory.movements.reason')}</Table.Th>
                  <Table.Th>{t('inventory.movements.document')}</Table.Th>
                  <Table.Th>{t('inventory.movements.who')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {movements.data.items.map((movement) => {
                  const quantity = signedQuantity(movement);
                  return (
                    <Table.Tr key={movement.id}>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          <time dateTime={movement.at}>{format.dateTime(movement.at)}</time>
                        </Text>
                      </Table.Td>
                      <Table.Td>{typeBadge(movement.type)}</Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" fw={600} c={quantity < 0 ? 'red' : 'teal'}>
                          {signed(quantity)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{format.number(movement.stockAfter)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{movement.reason ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" component="div">
                          <DocumentLink movement={movement} />
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{movement.actorName ?? '—'}</Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap="xs" hiddenFrom="sm">
            {movements.data.items.map((movement) => {
              const quantity = signedQuantity(movement);
              return (
                <Card key={movement.id} withBorder padding="xs">
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    {typeBadge(movement.type)}
                    <Text size="sm" fw={600} c={quantity < 0 ? 'red' : 'teal'}>
                      {signed(quantity)} → {format.number(movement.stockAfter)}
                    </Text>
                  </Group>
                  {movement.reason ? <Text size="sm">{movement.reason}</Text> : null}
                  <Text size="xs" c="dimmed" component="div">
                    {format.dateTime(movement.at)}
                    {movement.actorName ? ` · ${movement.actorName}` : ''}
                    {movement.documentType ? (
                      <>
                        {' · '}
                        <DocumentLink movement={movement} />
                      </>
                    ) : null}
                  </Text>
                </Card>
              );
            })}
          </Stack>

          <Paging total={movements.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}
    </Panel>
  );
}
