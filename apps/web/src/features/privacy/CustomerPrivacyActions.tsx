import type { Customer, DataExportFormat } from '@bancada/shared';
import { Button, Group, Menu, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconLock, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { saveFile } from '../../app/download';
import { notifyError, notifySuccess } from '../../app/notify';
import { downloadCustomerData, useAnonymiseCustomer } from './api';

/** On the customer's page: export everything kept about them (LGPD art. 18/19) and anonymise them. */
export function CustomerPrivacyActions({
  customer,
  onChanged,
}: {
  customer: Customer;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [confirming, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const anonymise = useAnonymiseCustomer(customer.id);
  const canExport = can('customers:read') && can('invoices:read');
  const canAnonymise = can('privacy:manage');
  if (!canExport && !canAnonymise) return null;

  const download = async (format: DataExportFormat) => {
    try {
      const file = await downloadCustomerData(customer.id, format);
      saveFile(file.blob, file.filename ?? `customer-${customer.id.slice(0, 8)}.${format}`);
      notifySuccess(t('privacy.customer.exported'));
    } catch (error) {
      notifyError(error);
    }
  };

  const confirm = () =>
    anonymise.mutate(reason, {
      onSuccess: () => {
        close();
        notifySuccess(t('privacy.customer.anonymised'));
        onChanged();
      },
      onError: (error) => {
        close();
        notifyError(error);
      },
    });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" leftSection={<IconLock size={16} aria-hidden />}>
            {t('privacy.customer.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {canExport ? (
            <>
              <Menu.Item
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => void download('json')}
              >
                {t('privacy.customer.exportJson')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => void download('csv')}
              >
                {t('privacy.customer.exportCsv')}
              </Menu.Item>
            </>
          ) : null}
          {canAnonymise ? (
            <Menu.Item color="red" leftSection={<IconUserOff size={16} aria-hidden />} onClick={open}>
              {t('privacy.customer.anonymise')}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={confirming}
        onClose={close}
        title={t('privacy.customer.anonymiseTitle', { name: customer.name })}
        size="md"
      >
        <Stack gap="md">
          <Text size="sm">{t('privacy.customer.anonymiseText')}</Text>
          <Textarea
            label={t('privacy.customer.reason')}
            placeholder={t('privacy.customer.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={confirm}
              loading={anonymise.isPending}
              disabled={reason.trim().length < 3}
            >
              {t('privacy.customer.anonymiseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
