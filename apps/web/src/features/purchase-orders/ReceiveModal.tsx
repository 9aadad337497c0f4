import { type PurchaseOrder, ReceiptRefusedDetailsSchema } from '@bancada/shared';
import { Alert, Button, Group, Modal, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useReceivePurchaseOrder } from './api';

interface Props {
  order: PurchaseOrder;
  opened: boolean;
  onClose: () => void;
}

/** Receiving, possibly partial: each line defaults to what is still to come. */
export function ReceiveModal({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('purchasing.receive.title', { number: order.number })}
      size="xl"
      fullScreen={isPhone}
    >
      {opened ? <ReceiveForm order={order} onClose={onClose} /> : null}
    </Modal>
  );
}

/** The line a 422 is about, when the server names it (by line or by component). */
function lineOfError(order: PurchaseOrder, error: unknown): string | null {
  const details = error instanceof ApiError ? error.detailsAs(ReceiptRefusedDetailsSchema) : null;
  if (details?.lineId) return details.lineId;
  if (details?.componentId) return order.lines.find((l) => l.componentId === details.componentId)?.id ?? null;
  return null;
}

function ReceiveForm({ order, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const format = useFormat();
  const receive = useReceivePurchaseOrder(order.id);
  const open = order.lines.filter((line) => line.received < line.quantity);
  const [quantities, setQuantities] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(open.map((line) => [line.id, line.quantity - line.received])),
  );
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);
  const errorLine = lineOfError(order, receive.error);
  // the alert above says it all; the line says how much it may take
  const remaining =
    receive.error instanceof ApiError
      ? receive.error.detailsAs(ReceiptRefusedDetailsSchema)?.remaining
      : undefined;
  const lineError =
    typeof remaining === 'number'
      ? t('purchasing.receive.atMost', { value: format.number(remaining) })
      : errorMessage(receive.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const lines = open
      .map((line) => ({ lineId: line.id, quantity: Number(quantities[line.id] ?? 0) }))
      .filter((line) => Number.isFinite(line.quantity) && line.quantity > 0);
    if (lines.length === 0) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    receive.mutate(
      { lines, note: note.trim() || null },
      {
        onSuccess: (updated) => {
          notifySuccess(
            updated.status === 'received'
              ? t('purchasing.receive.doneAll', { number: order.number })
              : t('purchasing.receive.donePartial', { number: order.number }),
          );
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('purchasing.receive.intro')}
        </Text>
        {receive.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(receive.error)}
          </Alert>
        ) : null}
        {empty ? (
          <Alert color="orange" variant="light" role="alert">
            {t('purchasing.receive.nothing')}
          </Alert>
        ) : null}
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('purchasing.lines.component')}</Table.Th>
                <Table.Th ta="right">{t('purchasing.lines.ordered')}</Table.Th>
                <Table.Th ta="right">{t('purchasing.lines.received')}</Table.Th>
                <Table.Th w={160}>{t('purchasing.receive.now')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {open.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {line.componentName}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {line.code}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">
                      {format.number(line.quantity)} {line.unit}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{format.number(line.received)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('purchasing.receive.quantityFor', { name: line.componentName })}
                      min={0}
                      allowNegative={false}
                      decimalScale={3}
                      thousandSeparator={format.separators.thousand}
                      decimalSeparator={format.separators.decimal}
                      inputMode="decimal"
                      value={quantities[line.id] ?? ''}
                      onChange={(value) => setQuantities((current) => ({ ...current, [line.id]: value }))}
                      error={errorLine === line.id ? lineError : undefined}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Textarea
          label={t('purchasing.receive.note')}
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={receive.isPending}>
            {t('purchasing.receive.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
