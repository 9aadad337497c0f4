import {
  BILLING_EXPORT_FORMATS,
  BILLING_EXPORT_KINDS,
  type BillingExportFormat,
  type BillingExportKind,
} from '@bancada/shared';
import { Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopTimeZone } from '../../app/auth';
import { saveFile } from '../../app/download';
import { notifyError } from '../../app/notify';
import { zonedToday } from '../../app/shop-dates';
import { downloadBillingExport } from './api';

/** The first and last days of the shop's current month. */
function thisMonth(today: string): [string, string] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = today.slice(0, 8);
  return [`${prefix}01`, `${prefix}${String(last).padStart(2, '0')}`];
}

/** The accountant's files: invoices, payments, refunds or fiscal documents of a period, CSV or XLSX. */
export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  const [kind, setKind] = useState<BillingExportKind>('invoices');
  const [fileFormat, setFileFormat] = useState<BillingExportFormat>('csv');
  const [range, setRange] = useState<[string | null, string | null]>(() => thisMonth(zonedToday(timeZone)));
  const [downloading, setDownloading] = useState(false);
  const [from, to] = range;

  const download = async () => {
    if (!from || !to) return;
    setDownloading(true);
    try {
      const file = await downloadBillingExport(kind, { from, to, format: fileFormat });
      saveFile(file.blob, file.filename ?? `${kind}-${from}-${to}.${fileFormat}`);
      onClose();
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('billing.export.title')}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('billing.export.text')}
        </Text>
        <Select
          label={t('billing.export.kind')}
          data={BILLING_EXPORT_KINDS.map((value) => ({ value, label: t(`billing.exportKinds.${value}`) }))}
          value={kind}
          onChange={(value) => {
            const found = BILLING_EXPORT_KINDS.find((k) => k === value);
            if (found) setKind(found);
          }}
          allowDeselect={false}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <DatePickerInput
            type="range"
            label={t('billing.export.period')}
            valueFormat="L"
            value={range}
            onChange={setRange}
            allowSingleDateInRange
            required
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="export-format-label">
              {t('billing.export.format')}
            </Text>
            <SegmentedControl
              aria-labelledby="export-format-label"
              data={BILLING_EXPORT_FORMATS.map((value) => ({
                value,
                label: t(`billing.exportFormats.${value}`),
              }))}
              value={fileFormat}
              onChange={(value) => setFileFormat(value === 'xlsx' ? 'xlsx' : 'csv')}
            />
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => void download()}
            loading={downloading}
            disabled={!from || !to}
          >
            {t('billing.export.download')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
