import { type Asset, formatPlate } from '@bancada/shared';
import { Anchor, Badge, Button, Grid, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsExchange, IconDots, IconPencil, IconPrinter, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { type Detail, Details } from '../../app/components/Details';
import { PageHeader } from '../../app/components/PageHeader';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { Panel } from '../customers/CustomerDataTab';
import { BackLink } from '../customers/CustomerPage';
import { HistoryView } from '../customers/HistoryView';
import { MaintenancePlansSection } from '../maintenance/MaintenancePlansSection';
import { AssetEditDrawer } from './AssetEditDrawer';
import { useAsset, useAssetHistory, useDeleteAsset } from './api';
import { AssetKindIcon, useAssetTitle } from './kinds';
import { ReadingsPanel } from './ReadingsPanel';
import { TransferModal } from './TransferModal';

export function AssetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const asset = useAsset(id);
  if (asset.isPending) return <LoadingRows rows={8} />;
  if (asset.isError) {
    if (asset.error instanceof ApiError && asset.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/customers" label={t('nav.customers')} />
        <ErrorAlert error={asset.error} onRetry={() => void asset.refetch()} />
      </Stack>
    );
  }
  return <AssetView resource={asset.data} onReload={() => void asset.refetch()} />;
}

function useAssetDetails(asset: Asset): Detail[] {
  const { t } = useTranslation();
  const format = useFormat();
  const common: Detail[] = [
    { label: t('assets.fields.brand'), value: asset.brand },
    { label: t('assets.fields.model'), value: asset.model },
  ];
  const tail: Detail[] = [
    { label: t('assets.fields.createdAt'), value: format.date(asset.createdAt) },
    ...(asset.notes ? [{ label: t('assets.fields.notes'), value: asset.notes, wide: true }] : []),
  ];
  switch (asset.kind) {
    case 'vehicle':
      return [
        ...common,
        { label: t('assets.fields.year'), value: asset.year },
        { label: t('assets.fields.color'), value: asset.color },
        {
          label: t('assets.fields.plate'),
          value: asset.plate ? (
            <Text component="span" ff="monospace" size="sm">
              {formatPlate(asset.plate)}
              {asset.plateCountry !== 'BR' ? ` (${asset.plateCountry})` : ''}
            </Text>
          ) : null,
        },
        { label: t('assets.fields.fuel'), value: asset.fuel ? t(`assets.fuels.${asset.fuel}`) : null },
        {
          label: t('assets.fields.vin'),
          value: asset.vin ? (
            <Text component="span" ff="monospace" size="sm">
              {asset.vin}
            </Text>
          ) : null,
          wide: true,
        },
        ...tail,
      ];
    case 'appliance':
      return [
        {
          label: t('assets.fields.type'),
          value: asset.type ? t(`assets.applianceTypes.${asset.type}`) : null,
        },
        ...common,
        {
          label: t('assets.fields.voltage'),
          value: asset.voltage ? t(`assets.voltages.${asset.voltage}`) : null,
        },
        { label: t('assets.fields.serial'), value: asset.serial },
        ...tail,
      ];
    case 'machine':
      return [
        ...common,
        { label: t('assets.fields.year'), value: asset.year },
        { label: t('assets.fields.serial'), value: asset.serial },
        ...tail,
      ];
  }
}

function AssetView({ resource, onReload }: { resource: Versioned<Asset>; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const asset = resource.data;
  const title = useAssetTitle();
  const details = useAssetDetails(asset);
  const history = useAssetHistory(asset.id);
  const remove = useDeleteAsset(asset);
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  const [transferring, { open: openTransfer, close: closeTransfer }] = useDisclosure(false);
  const [deleting, { open: openDelete, close: closeDelete }] = useDisclosure(false);
  const canWrite = can('assets:write');
  const hasReadings = asset.kind !== 'appliance';
  const name = title(asset);

  const confirmDelete = () => {
    remove.mutate(resource.etag, {
      onSuccess: () => {
        notifySuccess(t('assets.deleted', { name }));
        navigate(`/customers/${asset.customerId}?tab=assets`, { replace: true });
      },
      onError: (error) => {
        closeDelete();
        notifyError(error);
      },
    });
  };

  return (
    <>
      <BackLink to={`/customers/${asset.customerId}?tab=assets`} label={asset.customerName} />
      <PageHeader
        icon={<AssetKindIcon kind={asset.kind} size={48} />}
        title={name}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <Badge variant="outline" color="gray">
              {t(`assets.kinds.${asset.kind}`)}
            </Badge>
            {asset.plate ? (
              <Badge variant="filled" color="dark" ff="monospace" tt="none" size="lg" radius="sm">
                {formatPlate(asset.plate)}
              </Badge>
            ) : null}
            <span>
              {t('assets.owner')}:{' '}
              <Anchor component={Link} to={`/customers/${asset.customerId}`} size="sm">
                {asset.customerName}
              </Anchor>
            </span>
          </Group>
        }
        actions={
          <>
            <Button
              variant="default"
              component={Link}
              to={`/assets/${asset.id}/label`}
              leftSection={<IconPrinter size={16} aria-hidden />}
            >
              {t('assets.label.print')}
            </Button>
            {canWrite ? (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={openEdit}>
                {t('assets.edit')}
              </Button>
            ) : null}
            {canWrite ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label={t('assets.moreActions')}>
                    <IconDots size={18} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconArrowsExchange size={16} aria-hidden />}
                    onClick={openTransfer}
                  >
                    {t('assets.transfer.open')}
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={openDelete}
                  >
                    {t('assets.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />

      <Stack gap="lg">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: hasReadings ? 7 : 12 }}>
            <Panel id="asset-details" title={t('assets.detailsTitle')}>
              <Details items={details} cols={hasReadings ? 2 : 3} />
            </Panel>
          </Grid.Col>
          {hasReadings ? (
            <Grid.Col span={{ base: 12, md: 5 }}>
              <ReadingsPanel asset={asset} />
            </Grid.Col>
          ) : null}
        </Grid>
        <MaintenancePlansSection asset={asset} />
        <Panel id="asset-history" title={t('customers.tabs.history')}>
          <HistoryView query={history} showAsset={false} headingOrder={3} />
        </Panel>
      </Stack>

      {canWrite ? (
        <>
          <AssetEditDrawer opened={editing} resource={resource} onReload={onReload} onClose={closeEdit} />
          <TransferModal asset={asset} opened={transferring} onClose={closeTransfer} />
        </>
      ) : null}
      <Modal opened={deleting} onClose={closeDelete} title={t('assets.deleteTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('assets.deleteText', { name })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={closeDelete}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={confirmDelete} loading={remove.isPending}>
              {t('assets.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
