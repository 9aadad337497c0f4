import { previewLineTotal, type ReorderSuggestion, sumMoney } from '@bancada/shared';
import { Alert, Anchor, Button, Card, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconShoppingCartPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { Empty, ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useOrganizationCurrency } from '../organization/api';
import { useCreateFromSuggestions, useReorderSuggestions } from './api';

/** Components below their minimum, grouped by supplier, with the quantity to order. */
export function SuggestionsPanel() {
  const { t } = useTranslation();
  const suggestions = useReorderSuggestions();
  if (suggestions.isPending) return <LoadingRows rows={4} />;
  if (suggestions.isError) {
    return <ErrorAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  }
  if (suggestions.data.length === 0) {
    return (
      <Paper withBorder radius="md">
        <Empty
          icon={<IconCircleCheck size={28} aria-hidden />}
          title={t('purchasing.suggestions.noneTitle')}
          description={t('purchasing.suggestions.noneHint')}
        />
      </Paper>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('purchasing.suggestions.intro')}
      </Text>
      {suggestions.data.map((group) => (
        <SuggestionGroup key={group.supplierId ?? 'none'} group={group} />
      ))}
    </Stack>
  );
}

function SuggestionGroup({ group }: { group: ReorderSuggestion }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const navigate = useNavigate();
  const currency = useOrganizationCurrency();
  const create = useCreateFromSuggestions();
  const headingId = `suggestion-${group.supplierId ?? 'none'}`;
  const total = sumMoney(group.lines.map((line) => previewLineTotal(line.suggestedQuantity, line.unitCost)));
  const supplierName = group.supplierId ? group.supplierName : t('purchasing.suggestions.noSupplier');

  const createOrder = () => {
    if (!group.supplierId) return;
    create.mutate(group.supplierId, {
      onSuccess: (order) => {
        notifySuccess(t('purchasing.suggestions.created', { number: order.number }));
        navigate(`/purchase-orders/${order.id}`);
      },
      onError: (error) => notifyError(error),
    });
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" gap="sm" mb="sm" wrap="wrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={3} fz="h5" id={headingId}>
            {group.supplierId && can('suppliers:read') ? (
              <Anchor component={Link} to={`/suppliers/${group.supplierId}`} inherit>
                {supplierName}
              </Anchor>
            ) : (
              supplierName
            )}
          </Title>
          <Text size="sm" c="dimmed">
            {t('purchasing.suggestions.summary', {
              count: group.lines.length,
              total: format.money(total, currency),
            })}
          </Text>
        </Stack>
        {group.supplierId && can('purchase-orders:write') ? (
          <Button
            leftSection={<IconShoppingCartPlus size={16} aria-hidden />}
            onClick={createOrder}
            loading={create.isPending}
            aria-label={t('purchasing.suggestions.createFor', { supplier: supplierName })}
          >
            {t('purchasing.suggestions.create')}
          </Button>
        ) : null}
      </Group>
      {!group.supplierId ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} mb="sm">
          {t('purchasing.suggestions.noSupplierHint')}
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={6} aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('purchasing.lines.component')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.suggestions.stock')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.suggestions.suggested')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.lines.unitCost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.lines.map((line) => (
              <Table.Tr key={line.componentId}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/inventory/${encodeURIComponent(line.componentId)}`}
                    size="sm"
                  >
                    {line.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {line.code}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c="red" style={{ whiteSpace: 'nowrap' }}>
                    {format.number(line.stock)} / {format.number(line.minStock)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {format.number(line.suggestedQuantity)} {line.unit}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.money(line.unitCost, currency)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
