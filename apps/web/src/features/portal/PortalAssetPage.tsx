import { type HistoryEntry, READING_KINDS } from '@bancada/shared';
import { Anchor, Button, Group, SimpleGrid, Stack, Text, Timeline } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Empty } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { useFormat } from '../../app/format';
import { AssetEditDrawer } from '../assets/AssetEditDrawer';
import { useAsset, useAssetHistory, useReadings } from '../assets/api';
import { assetIdentifier, useAssetTitle } from '../assets/kinds';
import { usePortalCurrency } from './api';
import { OrderStatusBadge, PortalTitle } from './display';
import { PortalSection, SectionStatus } from './sections';

/** One of my assets: its data (editable), its orders and readings over time. */
export function PortalAssetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const asset = useAsset(id);
  const title = useAssetTitle();
  const format = useFormat();
  const [isEditing, setEditing] = useState(false);

  if (asset.isError && asset.error instanceof ApiError && asset.error.status === 404) return <NotFoundPage />;
  if (!asset.data) return <SectionStatus query={asset} rows={6} />;
  const data = asset.data.data;
  const identifier = assetIdentifier(data);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/portal/assets" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          {t('portal.assets.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <PortalTitle title={title(data)} />
        <Button
          variant="light"
          size="sm"
          style={{ flexShrink: 0 }}
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={() => setEditing(true)}
        >
          {t('portal.assets.edit')}
        </Button>
      </Group>
      <PortalSection id="portal-asset-data" title={t('portal.assets.data')}>
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t('portal.assets.kind')} value={t(`assets.kinds.${data.kind}`)} />
          {identifier ? <Fact label={t('portal.assets.identifier')} value={identifier} /> : null}
          {data.year ? <Fact label={t('portal.assets.year')} value={String(data.year)} /> : null}
          {data.color ? <Fact label={t('portal.assets.color')} value={data.color} /> : null}
          {data.odometer !== null ? (
            <Fact label={t('assets.readingKinds.odometer')} value={`${format.number(data.odometer)} km`} />
          ) : null}
          {data.hourMeter !== null ? (
            <Fact label={t('assets.readingKinds.hour_meter')} value={`${format.number(data.hourMeter)} h`} />
          ) : null}
        </SimpleGrid>
      </PortalSection>
      <AssetHistory assetId={id} />
      <AssetReadings assetId={id} />
      <AssetEditDrawer
        opened={isEditing}
        resource={asset.data}
        onReload={() => void asset.refetch()}
        onClose={() => setEditing(false)}
      />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

function HistoryTitle({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = usePortalCurrency();
  if (entry.repair) {
    return (
      <Group gap="xs">
        <Anchor component={Link} to={`/portal/orders/${entry.repair.id}`} size="sm" fw={600}>
          {t('portal.orders.number', { number: entry.repair.number })}
        </Anchor>
        <OrderStatusBadge status={entry.repair.status} />
        <Text size="sm">{format.money(entry.repair.total, currency)}</Text>
      </Group>
    );
  }
  return (
    <Text size="sm" fw={600}>
      {t(`history.types.${entry.type}`)}
    </Text>
  );
}

function AssetHistory({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useAssetHistory(assetId);
  const items = history.data?.items ?? [];
  return (
    <PortalSection id="portal-asset-history" title={t('portal.assets.history')}>
      <SectionStatus query={history} />
      {history.data && items.length === 0 ? <Empty title={t('portal.assets.historyEmpty')} /> : null}
      {items.length > 0 ? (
        <Timeline bulletSize={14} lineWidth={2} active={items.length}>
          {items.map((entry, index) => (
            <Timeline.Item
              key={`${entry.type}-${entry.at}-${index.toString()}`}
              title={<HistoryTitle entry={entry} />}
            >
              <Text size="xs" c="dimmed">
                {format.date(entry.at)}
                {entry.summary ? ` · ${entry.summary}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      ) : null}
    </PortalSection>
  );
}

function AssetReadings({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const readings = useReadings(assetId, true);
  const items = [...(readings.data ?? [])].sort((a, b) => b.readAt.localeCompare(a.readAt));
  return (
    <PortalSection id="portal-asset-readings" title={t('portal.assets.readings')}>
      <SectionStatus query={readings} />
      {readings.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.assets.readingsEmpty')}
        </Text>
      ) : null}
      {items.slice(0, 20).map((reading) => (
        <Group key={reading.id} justify="space-between" gap="xs">
          <Text size="sm">{format.date(reading.readAt)}</Text>
          <Text size="sm" fw={600}>
            {format.number(reading.value)} {reading.kind === READING_KINDS[0] ? 'km' : 'h'}
          </Text>
        </Group>
      ))}
    </PortalSection>
  );
}
