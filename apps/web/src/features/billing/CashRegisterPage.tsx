import type { CashMovement, CashRegister } from '@bancada/shared';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  type MantineColor,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconCashRegister, IconDoorExit, IconInfoCircle, IconMinus, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { Panel } from '../customers/CustomerDataTab';
import { useOrganizationCurrency } from '../organization/api';
import { useCashRegister, useCashRegisters } from './api';
import { CloseRegisterDialog, MovementDialog, OpenRegisterForm } from './CashDialogs';
import { Figure } from './display';

const MOVEMENT_COLORS: Record<CashMovement['kind'], MantineColor> = {
  OPENING: 'gray',
  PAYMENT: 'teal',
  REFUND: 'red',
  WITHDRAWAL: 'orange',
  SUPPLY: 'blue',
};

/** The branch's cash register (caixa) of the day: open, movements, totals per method, close. */
export function CashRegisterPage() {
  const { t } = useTranslation();
  const register = useCashRegister();
  const history = useCashRegisters(register.isSuccess);
  const lastClosed = history.data?.find((r) => r.status === 'CLOSED') ?? null;
  return (
    <>
      <PageHeader title={t('billing.nav.cash')} description={t('billing.cash.description')} />
      <QueryStatus query={register} rows={6} />
      {register.isSuccess && register.data === null ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <OpenRegisterForm />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            {lastClosed ? <ClosedSummary register={lastClosed} /> : null}
          </Grid.Col>
        </Grid>
      ) : null}
      {register.data ? <OpenRegister register={register.data} /> : null}
      {history.data?.some((r) => r.status === 'CLOSED') ? <History registers={history.data} /> : null}
    </>
  );
}

function OpenRegister({ register }: { register: CashRegister }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const [dialog, setDialog] = useState<'WITHDRAWAL' | 'SUPPLY' | 'close' | null>(null);
  const money = (value: number) => format.money(value, currency);
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge color="teal" variant="filled">
                  {t('billing.cash.open')}
                </Badge>
                <Text size="sm" c="dimmed">
                  {t('billing.cash.openedBy', {
                    time: format.dateTime(register.openedAt),
                    name: register.openedByName ?? '—',
                  })}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
                {t('billing.cash.expected')}
              </Text>
              <Text fz={36} fw={800} lh={1.1} data-testid="cash-expected">
                {money(register.expected)}
              </Text>
              <Text size="sm" c="dimmed">
                {t('billing.cash.float', { amount: money(register.openingFloat) })}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button
                variant="light"
                color="orange"
                leftSection={<IconMinus size={16} aria-hidden />}
                onClick={() => setDialog('WITHDRAWAL')}
              >
                {t('billing.cash.withdrawal')}
              </Button>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setDialog('SUPPLY')}
              >
                {t('billing.cash.supply')}
              </Button>
              <Button
                color="dark"
                leftSection={<IconDoorExit size={16} aria-hidden />}
                onClick={() => setDialog('close')}
              >
                {t('billing.cash.close')}
              </Button>
            </Group>
          </Group>
          {register.cashOutside > 0 ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t('billing.cash.outside', { amount: money(register.cashOutside) })}
            </Alert>
          ) : null}
        </Stack>
      </Paper>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <DayTotals register={register} currency={currency} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Panel id="cash-movements" title={t('billing.cash.movements')}>
            <Movements movements={register.movements} currency={currency} />
          </Panel>
        </Grid.Col>
      </Grid>

      {dialog === 'WITHDRAWAL' || dialog === 'SUPPLY' ? (
        <MovementDialog kind={dialog} register={register} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'close' ? (
        <CloseRegisterDialog register={register} onClose={() => setDialog(null)} />
      ) : null}
    </Stack>
  );
}

/** Every payment of the day per method, cash or not: a bar each, the figures in words for screen readers. */
function DayTotals({ register, currency }: { register: CashRegister; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = register.totalsByMethod.filter((row) => row.count > 0);
  const data = rows.map((row) => ({ method: t(`billing.methods.${row.method}`), amount: row.amount }));
  const sum = rows.reduce((cents, row) => cents + Math.round(row.amount * 100), 0) / 100;
  return (
    <Panel id="cash-totals" title={t('billing.cash.totals')}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.cash.noPayments')}
        </Text>
      ) : (
        <Stack gap="sm">
          <BarChart
            h={Math.max(110, rows.length * 40 + 20)}
            data={data}
            dataKey="method"
            orientation="vertical"
            series={[{ name: 'amount', label: t('billing.cash.amountSeries'), color: 'teal.6' }]}
            valueFormatter={(value) => format.money(value, currency)}
            tickLine="none"
            gridAxis="none"
            withXAxis={false}
            yAxisProps={{ width: 110 }}
            maxBarWidth={22}
            role="img"
            aria-labelledby="cash-totals"
            aria-describedby="cash-totals-summary"
          />
          <VisuallyHidden id="cash-totals-summary">
            {data.map((row) => `${row.method}: ${format.money(row.amount, currency)}`).join(', ')}
          </VisuallyHidden>
          <Table verticalSpacing={4} aria-labelledby="cash-totals">
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.method}>
                  <Table.Td>
                    <Text size="sm">{t(`billing.methods.${row.method}`)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs" c="dimmed">
                      {t('billing.cash.paymentCount', { count: row.count })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {format.money(row.amount, currency)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>{t('billing.cash.dayTotal')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {format.money(sum, currency)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Stack>
      )}
    </Panel>
  );
}

function Movements({ movements, currency }: { movements: CashMovement[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (movements.length === 0) return <Empty title={t('billing.cash.noMovements')} />;
  const signed = (movement: CashMovement) =>
    `${movement.direction === 'OUT' ? '− ' : '+ '}${format.money(movement.amount, currency)}`;
  const what = (movement: CashMovement) =>
    [
      movement.invoiceNumber !== null ? t('billing.invoiceNumber', { number: movement.invoiceNumber }) : null,
      movement.note,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <>
      <Table.ScrollContainer minWidth={520} visibleFrom="sm">
        <Table verticalSpacing="xs" aria-labelledby="cash-movements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.cash.time')}</Table.Th>
              <Table.Th>{t('billing.cash.kind')}</Table.Th>
              <Table.Th>{t('billing.cash.what')}</Table.Th>
              <Table.Th ta="right">{t('billing.cash.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {movements.map((movement) => (
              <Table.Tr key={movement.id}>
                <Table.Td>
                  <Text size="sm">{format.time(movement.at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={MOVEMENT_COLORS[movement.kind]}>
                    {t(`billing.cashMovementKinds.${movement.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{what(movement)}</Text>
                  {movement.actorName ? (
                    <Text size="xs" c="dimmed">
                      {movement.actorName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Text
                    size="sm"
                    fw={600}
                    c={movement.direction === 'OUT' ? 'red.8' : 'teal.8'}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {signed(movement)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {movements.map((movement) => (
          <Card key={movement.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Group gap="xs">
                <Text size="sm">{format.time(movement.at)}</Text>
                <Badge size="sm" variant="light" color={MOVEMENT_COLORS[movement.kind]}>
                  {t(`billing.cashMovementKinds.${movement.kind}`)}
                </Badge>
              </Group>
              <Text size="sm" fw={600} c={movement.direction === 'OUT' ? 'red.8' : 'teal.8'}>
                {signed(movement)}
              </Text>
            </Group>
            {what(movement) ? (
              <Text size="xs" c="dimmed">
                {what(movement)}
              </Text>
            ) : null}
          </Card>
        ))}
      </Stack>
    </>
  );
}

/** The last day closed: what was counted against what was expected. */
function ClosedSummary({ register }: { register: CashRegister }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const difference = register.difference ?? 0;
  return (
    <Stack gap="sm">
      <Title order={2} fz="h5">
        {t('billing.cash.lastClosed', { date: format.dateTime(register.closedAt) })}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Figure label={t('billing.cash.expected')} value={format.money(register.expected, currency)} />
        <Figure label={t('billing.cash.counted')} value={format.money(register.counted ?? 0, currency)} />
        <Figure
          label={t('billing.cash.difference')}
          value={format.money(difference, currency)}
          color={difference < 0 ? 'red.8' : difference > 0 ? 'blue.8' : 'teal.8'}
        />
      </SimpleGrid>
    </Stack>
  );
}

function History({ registers }: { registers: CashRegister[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const closed = registers.filter((r) => r.status === 'CLOSED').slice(0, 10);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      mt="lg"
      component="section"
      aria-labelledby="cash-history"
    >
      <Group gap="xs" mb="md">
        <IconCashRegister size={20} aria-hidden />
        <Title order={2} fz="h5" id="cash-history">
          {t('billing.cash.history')}
        </Title>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" aria-labelledby="cash-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.cash.day')}</Table.Th>
              <Table.Th ta="right">{t('billing.cash.expected')}</Table.Th>
              <Table.Th ta="right">{t('billing.cash.counted')}</Table.Th>
              <Table.Th ta="right">{t('billing.cash.difference')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {closed.map((register) => (
              <Table.Tr key={register.id}>
                <Table.Td>
                  <Text size="sm">{format.date(register.openedAt)}</Text>
                  <Text size="xs" c="dimmed">
                    {register.closedByName ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{format.money(register.expected, currency)}</Table.Td>
                <Table.Td ta="right">{format.money(register.counted ?? 0, currency)}</Table.Td>
                <Table.Td ta="right">
                  <Text
                    size="sm"
                    fw={600}
                    c={
                      (register.difference ?? 0) < 0
                        ? 'red.8'
                        : (register.difference ?? 0) > 0
                          ? 'blue.8'
                          : 'teal.8'
                    }
                  >
                    {format.money(register.difference ?? 0, currency)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
