import type { CashFlow } from '@bancada/shared';
import { BarChart } from '@mantine/charts';
import {
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { calendarNoon } from '../../app/shop-dates';
import { useOrganizationCurrency } from '../organization/api';
import { useCashFlow } from './api';
import { Figure } from './display';

const WEEK_CHOICES = ['4', '8', '12'] as const;

/** Open invoices (money in) against open bills (money out), week by week from this one. */
export function CashFlowTab() {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<(typeof WEEK_CHOICES)[number]>('8');
  const flow = useCashFlow(Number(weeks));
  return (
    <Stack gap="lg">
      <Group justify="flex-end">
        <SegmentedControl
          aria-label={t('billing.cashFlow.weeksLabel')}
          value={weeks}
          onChange={(value) => setWeeks(WEEK_CHOICES.find((w) => w === value) ?? '8')}
          data={WEEK_CHOICES.map((value) => ({
            value,
            label: t('billing.cashFlow.weeks', { count: Number(value) }),
          }))}
        />
      </Group>
      <QueryStatus query={flow} rows={6} />
      {flow.data ? <CashFlowView flow={flow.data} /> : null}
    </Stack>
  );
}

function CashFlowView({ flow }: { flow: CashFlow }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const money = (value: number) => format.money(value, currency);
  const week = (start: string) => format.shortDate(calendarNoon(start));
  const data = flow.weeks.map((w) => ({
    week: week(w.weekStart),
    receivable: w.receivable,
    payable: w.payable,
  }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <Figure
          label={t('billing.cashFlow.overdueReceivable')}
          value={money(flow.overdueReceivable)}
          color={flow.overdueReceivable > 0 ? 'red.8' : undefined}
        />
        <Figure
          label={t('billing.cashFlow.overduePayable')}
          value={money(flow.overduePayable)}
          color={flow.overduePayable > 0 ? 'orange.8' : undefined}
        />
      </SimpleGrid>
      <Paper
        withBorder
        radius="md"
        p={{ base: 'md', sm: 'lg' }}
        component="section"
        aria-labelledby="cash-flow-title"
      >
        <Title order={2} fz="h5" mb="md" id="cash-flow-title">
          {t('billing.cashFlow.title')}
        </Title>
        <BarChart
          h={260}
          data={data}
          dataKey="week"
          withLegend
          series={[
            { name: 'receivable', label: t('billing.cashFlow.receivable'), color: 'teal.6' },
            { name: 'payable', label: t('billing.cashFlow.payable'), color: 'red.6' },
          ]}
          valueFormatter={(value) => money(value)}
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ width: 90 }}
          maxBarWidth={28}
          role="img"
          aria-labelledby="cash-flow-title"
          aria-describedby="cash-flow-summary"
        />
        <VisuallyHidden id="cash-flow-summary">
          {data
            .map((w) =>
              t('billing.cashFlow.weekSummary', {
                week: w.week,
                receivable: money(w.receivable),
                payable: money(w.payable),
              }),
            )
            .join('; ')}
        </VisuallyHidden>
        <Table.ScrollContainer minWidth={480} mt="md">
          <Table verticalSpacing={4} aria-labelledby="cash-flow-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.cashFlow.weekOf')}</Table.Th>
                <Table.Th ta="right">{t('billing.cashFlow.receivable')}</Table.Th>
                <Table.Th ta="right">{t('billing.cashFlow.payable')}</Table.Th>
                <Table.Th ta="right">{t('billing.cashFlow.net')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {flow.weeks.map((w) => {
                const net = (Math.round(w.receivable * 100) - Math.round(w.payable * 100)) / 100;
                return (
                  <Table.Tr key={w.weekStart}>
                    <Table.Td>{week(w.weekStart)}</Table.Td>
                    <Table.Td ta="right">{money(w.receivable)}</Table.Td>
                    <Table.Td ta="right">{money(w.payable)}</Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={600} c={net < 0 ? 'red.8' : 'teal.8'}>
                        {money(net)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
