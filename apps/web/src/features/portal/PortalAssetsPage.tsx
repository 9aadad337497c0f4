import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconCar, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { AssetCreateModal } from '../assets/AssetCreateModal';
import { AssetKindIcon, assetIdentifier, useAssetTitle } from '../assets/kinds';
import { useCustomerAssets } from '../customers/api';
import { PortalTitle } from './display';
import { usePortalCustomerId } from './PortalShell';

/** My vehicles, appliances and machines; the customer may add one before bringing it in. */
export function PortalAssetsPage() {
  const { t } = useTranslation();
  const customerId = usePortalCustomerId();
  const assets = useCustomerAssets(customerId);
  const title = useAssetTitle();
  const [isAdding, setAdding] = useState(false);

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <PortalTitle title={t('portal.assets.title')} />
        <Button
          size="sm"
          style={{ flexShrink: 0 }}
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setAdding(true)}
        >
          {t('portal.assets.add')}
        </Button>
      </Group>
      <QueryStatus query={assets} rows={3} />
      {assets.data && assets.data.items.length === 0 ? (
        <Card withBorder radius="md">
          <Empty
            icon={<IconCar size={28} aria-hidden />}
            title={t('portal.assets.empty')}
            description={t('portal.assets.emptyText')}
          />
        </Card>
      ) : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {assets.data?.items.map((asset) => {
          const identifier = assetIdentifier(asset);
          return (
            <li key={asset.id}>
              <Card withBorder radius="md" padding="md" component={Link} to={`/portal/assets/${asset.id}`}>
                <Group wrap="nowrap" gap="sm">
                  <AssetKindIcon kind={asset.kind} size={36} />
                  <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                    <Text fw={700} truncate>
                      {title(asset)}
                    </Text>
                    {identifier ? (
                      <Text size="sm" c="dimmed" ff="monospace">
                        {identifier}
                      </Text>
                    ) : null}
                  </Stack>
                  <IconChevronRight size={20} aria-hidden style={{ flexShrink: 0 }} />
                </Group>
              </Card>
            </li>
          );
        })}
      </Stack>
      <AssetCreateModal customerId={customerId} opened={isAdding} onClose={() => setAdding(false)} />
    </>
  );
}
