import {
  type PurchaseOrder,
  ReceiptRefusedDetailsSchema,
  translateValidationMessage,
  type ValidationMessageKey,
} from '@bancada/shared';
import { Alert, Button, Group, Modal, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useFormat } from '../../app/format';
import { currentLocale } from '../../app/i18n';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useReceivePurchaseOrder } from './api';
import { checkReceipt, initialQuantities, openLines, type ReceiveQuantities } from './receive-form';

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
  const open = openLines(order.lines);
  const [quantities, setQuantities] = useState<ReceiveQuantities>(() => initialQuantities(open));
  // a quantity the schema would refuse, on its line; what was typed stays in the box
  const [refused, setRefused] = useState<Record<string, ValidationMessageKey>>({});
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);
  const quantityBox = useNumberInputProps();
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
    const { lines, errors } = checkReceipt(open, quantities);
    setRefused(errors);
    if (Object.keys(errors).length > 0) {
      // the boxes say what is wrong; an earlier answer of the server no longer applies
      receive.reset();
      setEmpty(false);
      return;
    }
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
              {open.map((line) => {
                const refusal = refused[line.id];
                return (
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
                        {...quantityBox}
                        value={quantities[line.id] ?? ''}
                        onChange={(value) => {
                          setQuantities((current) => ({ ...current, [line.id]: value }));
                          setRefused(({ [line.id]: _changed, ...others }) => others);
                        }}
                        error={
                          refusal
                            ? translateValidationMessage(refusal, currentLocale())
                            : errorLine === line.id
                              ? lineError
                              : undefined
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
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
