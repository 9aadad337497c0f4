import { type Asset, AssetTransferSchema, formatPhone } from '@bancada/shared';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useCustomers } from '../customers/api';
import { documentOf } from '../customers/display';
import { useTransferAsset } from './api';

interface TransferValues {
  customerId: string;
  reason: string;
}

function toCandidate(values: TransferValues) {
  return { customerId: values.customerId, reason: values.reason.trim() || null };
}

/** Hands the asset to another customer; its history (orders, readings) goes with it. */
export function TransferModal({
  asset,
  opened,
  onClose,
}: {
  asset: Asset;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('assets.transfer.title')}
      size="lg"
      fullScreen={isPhone}
    >
      {/* mounted only while open: a closed dialog fetches no customer list and keeps no old choice */}
      {opened ? <TransferForm asset={asset} onClose={onClose} /> : null}
    </Modal>
  );
}

function TransferForm({ asset, onClose }: { asset: Asset; onClose: () => void }) {
  const { t } = useTranslation();
  const transfer = useTransferAsset(asset);
  const [search, setSearch] = useState('');
  // once a customer is picked the box shows its label: that is not a new search
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [q] = useDebouncedValue(picked && search === picked.label ? '' : search.trim(), 250);
  const candidates = useCustomers({ q: q || undefined, sort: 'name', page: 1, pageSize: 20 });
  const form = useForm<TransferValues>({
    initialValues: { customerId: '', reason: '' },
    validate: zodResolver(AssetTransferSchema, { prepare: toCandidate }),
  });

  const found = (candidates.data?.items ?? [])
    .filter((customer) => customer.id !== asset.customerId)
    .map((customer) => ({
      value: customer.id,
      label: [customer.name, documentOf(customer), customer.phone ? formatPhone(customer.phone) : null]
        .filter(Boolean)
        .join(' · '),
    }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;

  const submit = form.onSubmit((values) => {
    transfer.mutate(toCandidate(values), {
      onSuccess: (moved) => {
        notifySuccess(t('assets.transfer.done', { name: moved.customerName }));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('assets.transfer.intro', { owner: asset.customerName })}
        </Text>
        {transfer.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(transfer.error)}
          </Alert>
        ) : null}
        <Select
          label={t('assets.transfer.to')}
          placeholder={t('assets.transfer.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          required
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          // the server already filtered by name, document, phone or e-mail
          filter={({ options: all }) => all}
          data={options}
          nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('assets.transfer.nobody')}
          data-autofocus
          {...form.getInputProps('customerId')}
          value={form.values.customerId || null}
          onChange={(value, option) => {
            form.setFieldValue('customerId', value ?? '');
            setPicked(value && option ? { value, label: option.label } : null);
          }}
        />
        <Textarea
          label={t('assets.transfer.reason')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={transfer.isPending}>
            {t('assets.transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
