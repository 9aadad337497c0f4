import type { Component } from '@bancada/shared';
import { Anchor, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsAlt, IconAlertTriangle, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Details } from '../../app/components/Details';
import { PageHeader } from '../../app/components/PageHeader';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { useFormat } from '../../app/format';
import { Panel } from '../customers/CustomerDataTab';
import { BackLink } from '../customers/CustomerPage';
import { useOrganizationCurrency } from '../organization/api';
import { AdjustStockModal } from './AdjustStockModal';
import { useComponent } from './api';
import { ComponentEditDrawer } from './ComponentEditDrawer';
import { useQuantity } from './display';
import { MovementsPanel } from './MovementsPanel';

export function ComponentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const component = useComponent(id);
  if (component.isPending) return <LoadingRows rows={8} />;
  if (component.isError) {
    if (component.error instanceof ApiError && component.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/inventory" label={t('nav.inventory')} />
        <ErrorAlert error={component.error} onRetry={() => void component.refetch()} />
      </Stack>
    );
  }
  return <ComponentView resource={component.data} onReload={() => void component.refetch()} />;
}

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" c={color}>
        {value}
      </Text>
    </Paper>
  );
}

function ComponentView({ resource, onReload }: { resource: Versioned<Component>; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const quantity = useQuantity();
  const currency = useOrganizationCurrency();
  const component = resource.data;
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  const [adjusting, { open: openAdjust, close: closeAdjust }] = useDisclosure(false);

  return (
    <>
      <BackLink to="/inventory" label={t('nav.inventory')} />
      <PageHeader
        title={component.name}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <Text component="span" size="sm" ff="monospace">
              {component.code}
            </Text>
            {component.category ? (
              <Badge variant="outline" color="gray">
                {component.category}
              </Badge>
            ) : null}
            {component.belowMinimum ? (
              <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                {t('inventory.belowMinimum')}
              </Badge>
            ) : null}
            {!component.active ? <Badge color="gray">{t('inventory.inactive')}</Badge> : null}
          </Group>
        }
        actions={
          <>
            {can('stock:adjust') ? (
              <Button leftSection={<IconAdjustmentsAlt size={16} aria-hidden />} onClick={openAdjust}>
                {t('inventory.adjust.open')}
              </Button>
            ) : null}
            {can('components:write') ? (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={openEdit}>
                {t('inventory.edit')}
              </Button>
            ) : null}
          </>
        }
      />

      <Stack gap="lg">
        <SimpleGrid
          cols={{ base: 3 }}
          spacing="sm"
          aria-label={t('inventory.stockSummary')}
          component="section"
        >
          <Figure
            label={t('inventory.fields.available')}
            value={quantity(component.stock, component.unit)}
            color={component.belowMinimum ? 'red' : undefined}
          />
          <Figure
            label={t('inventory.fields.reserved')}
            value={quantity(component.reserved, component.unit)}
          />
          <Figure
            label={t('inventory.fields.minStock')}
            value={quantity(component.minStock, component.unit)}
          />
        </SimpleGrid>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12 }}>
            <Panel id="component-details" title={t('inventory.detailsTitle')}>
              <Details
                cols={3}
                items={[
                  { label: t('inventory.fields.price'), value: format.money(component.price, currency) },
                  { label: t('inventory.fields.cost'), value: format.money(component.cost, currency) },
                  { label: t('inventory.fields.unit'), value: t(`inventory.units.${component.unit}`) },
                  {
                    label: t('inventory.fields.supplier'),
                    value:
                      component.supplierId && can('suppliers:read') ? (
                        <Anchor component={Link} to={`/suppliers/${component.supplierId}`} size="sm">
                          {component.supplier}
                        </Anchor>
                      ) : (
                        component.supplier
                      ),
                  },
                  { label: t('inventory.fields.location'), value: component.location },
                  { label: t('inventory.fields.barcode'), value: component.barcode },
                  { label: t('inventory.fields.id'), value: component.id },
                  { label: t('inventory.fields.updatedAt'), value: format.dateTime(component.updatedAt) },
                  ...(component.description
                    ? [{ label: t('inventory.fields.description'), value: component.description, wide: true }]
                    : []),
                ]}
              />
            </Panel>
          </Grid.Col>
        </Grid>

        <MovementsPanel component={component} />
      </Stack>

      {can('components:write') ? (
        <ComponentEditDrawer
          opened={editing}
          resource={resource}
          currency={currency}
          onReload={onReload}
          onClose={closeEdit}
        />
      ) : null}
      {can('stock:adjust') ? (
        <AdjustStockModal component={component} opened={adjusting} onClose={closeAdjust} />
      ) : null}
    </>
  );
}
