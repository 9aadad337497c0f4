import type { Asset } from '@bancada/shared';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { AssetCreateModal } from '../assets/AssetCreateModal';
import { AssetKindIcon, assetIdentifier, useAssetTitle } from '../assets/kinds';
import { useCustomerAssets } from './api';

function useAssetFacts() {
  const { t } = useTranslation();
  const format = useFormat();
  return (asset: Asset): string[] => {
    switch (asset.kind) {
      case 'vehicle':
        return [
          asset.color,
          asset.fuel ? t(`assets.fuels.${asset.fuel}`) : null,
          asset.odometer !== null ? t('assets.kmValue', { value: format.number(asset.odometer) }) : null,
        ].filter((fact): fact is string => Boolean(fact));
      case 'appliance':
        return [asset.voltage ? t(`assets.voltages.${asset.voltage}`) : null].filter((fact): fact is string =>
          Boolean(fact),
        );
      case 'machine':
        return [
          asset.hourMeter !== null ? t('assets.hoursValue', { value: format.number(asset.hourMeter) }) : null,
        ].filter((fact): fact is string => Boolean(fact));
    }
  };
}

export function CustomerAssetsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const assets = useCustomerAssets(customerId);
  const [adding, { open, close }] = useDisclosure(false);
  const title = useAssetTitle();
  const facts = useAssetFacts();
  const canWrite = can('assets:write');

  const addButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
      {t('assets.add')}
    </Button>
  ) : null;

  return (
    <Stack gap="md">
      {assets.data && assets.data.items.length > 0 ? (
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed">
            {t('customers.assetCount', { count: assets.data.total })}
          </Text>
          {addButton}
        </Group>
      ) : null}

      <QueryStatus query={assets} rows={3} />
      {assets.data && assets.data.items.length === 0 ? (
        <Empty
          icon={<IconTool size={28} aria-hidden />}
          title={t('assets.emptyTitle')}
          description={t('assets.emptyHint')}
        >
          {addButton}
        </Empty>
      ) : null}

      {assets.data && assets.data.items.length > 0 ? (
        <SimpleGrid
          cols={{ base: 1, sm: 2, lg: 3 }}
          spacing="md"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {assets.data.items.map((asset) => {
            const identifier = assetIdentifier(asset);
            const details = facts(asset);
            return (
              <li key={asset.id}>
                <Card
                  withBorder
                  padding="md"
                  radius="md"
                  component={Link}
                  to={`/assets/${asset.id}`}
                  h="100%"
                  style={{ textDecoration: 'none', color: 'inherit' }}
                >
                  <Group wrap="nowrap" align="flex-start" gap="md">
                    <AssetKindIcon kind={asset.kind} />
                    <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                      <Text fw={600} lineClamp={2}>
                        {title(asset)}
                      </Text>
                      <Group gap={6}>
                        <Badge variant="outline" color="gray" size="sm">
                          {t(`assets.kinds.${asset.kind}`)}
                        </Badge>
                        {identifier ? (
                          <Badge variant="light" color="dark" size="sm" ff="monospace" tt="none">
                            {identifier}
                          </Badge>
                        ) : null}
                      </Group>
                      {details.length > 0 ? (
                        <Text size="xs" c="dimmed">
                          {details.join(' · ')}
                        </Text>
                      ) : null}
                    </Stack>
                  </Group>
                </Card>
              </li>
            );
          })}
        </SimpleGrid>
      ) : null}

      {canWrite ? <AssetCreateModal customerId={customerId} opened={adding} onClose={close} /> : null}
    </Stack>
  );
}
