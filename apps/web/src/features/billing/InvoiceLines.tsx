import type { InvoiceLine } from '@bancada/shared';
import { Badge, Card, Divider, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { TotalRow } from './display';

interface Totals {
  lines: Omit<InvoiceLine, 'componentId'>[];
  subtotal: number;
  discount: number;
  total: number;
  paid: number;
  balance: number;
}

/** The invoice's lines (a table on wide screens, cards on a phone) and its totals. */
export function InvoiceLines({
  invoice,
  currency,
  withBalance = true,
}: {
  invoice: Totals;
  currency: string;
  /** the paid and due rows under the total (the staff page has them in its summary beside) */
  withBalance?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (value: number) => format.money(value, currency);
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={560} visibleFrom="sm">
        <Table verticalSpacing="xs" aria-label={t('billing.lines.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.lines.description')}</Table.Th>
              <Table.Th ta="right">{t('billing.lines.quantity')}</Table.Th>
              <Table.Th ta="right">{t('billing.lines.unitValue')}</Table.Th>
              <Table.Th ta="right">{t('billing.lines.totalValue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the invoice's lines never move
              <Table.Tr key={index}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm">{line.description}</Text>
                    <LineKind kind={line.kind} />
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{format.number(line.quantity)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {money(line.unitValue)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {money(line.totalValue)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {invoice.lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the invoice's lines never move
          <Card key={index} withBorder padding="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600}>
                {line.description}
              </Text>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {money(line.totalValue)}
              </Text>
            </Group>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {format.number(line.quantity)} × {money(line.unitValue)}
              </Text>
              <LineKind kind={line.kind} />
            </Group>
          </Card>
        ))}
      </Stack>
      <Stack gap={4} ml="auto" w={{ base: '100%', sm: 320 }}>
        <TotalRow label={t('billing.totals.subtotal')} value={money(invoice.subtotal)} />
        {invoice.discount > 0 ? (
          <TotalRow label={t('billing.totals.discount')} value={`− ${money(invoice.discount)}`} />
        ) : null}
        <TotalRow label={t('billing.totals.total')} value={money(invoice.total)} strong />
        {withBalance ? (
          <>
            <Divider my={4} />
            <TotalRow label={t('billing.totals.paid')} value={money(invoice.paid)} color="teal.8" />
            <TotalRow label={t('billing.totals.balance')} value={money(invoice.balance)} strong />
          </>
        ) : null}
      </Stack>
    </Stack>
  );
}

function LineKind({ kind }: { kind: InvoiceLine['kind'] }) {
  const { t } = useTranslation();
  if (kind === 'OTHER') return null;
  return (
    <Badge size="xs" variant="light" color={kind === 'SERVICE' ? 'cyan' : 'grape'} style={{ flexShrink: 0 }}>
      {t(`billing.lineKinds.${kind}`)}
    </Badge>
  );
}
