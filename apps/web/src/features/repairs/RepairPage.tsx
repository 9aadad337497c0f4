import { type EstimateWithLink, isEditableStatus, type Repair } from '@bancada/shared';
import { Anchor, Badge, Button, Grid, Group, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconChecklist,
  IconClock,
  IconFileDollar,
  IconHistory,
  IconList,
  IconPencil,
  IconPhoto,
  IconTool,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { useFormat } from '../../app/format';
import { useLiveRepairs } from '../../app/live';
import { RepairInvoiceCard } from '../billing/RepairInvoiceCard';
import { RepairMessages } from '../communication/RepairMessages';
import { BackLink } from '../customers/CustomerPage';
import { useOrganizationCurrency } from '../organization/api';
import { useRepair } from './order-api';
import { RepairPageChecklist } from './RepairPageChecklist';
import { RepairPageDetails } from './RepairPageDetails';
import { PriorityBadge } from './RepairPageDisplay';
import { RepairPageEditDrawer } from './RepairPageEditDrawer';
import { RepairPageEstimates } from './RepairPageEstimates';
import { RepairPageLines } from './RepairPageLines';
import { RepairPagePhotos } from './RepairPagePhotos';
import { RepairPageStatusActions } from './RepairPageStatusActions';
import { RepairPageTimeline } from './RepairPageTimeline';
import { RepairPageTimers } from './RepairPageTimers';
import { RepairPageTools } from './RepairPageTools';
import { StatusBadge } from './status';

const TABS = ['lines', 'estimate', 'checklist', 'timeline', 'time', 'photos', 'tools'] as const;
type Tab = (typeof TABS)[number];

const TAB_ICONS: Record<Tab, typeof IconList> = {
  lines: IconList,
  estimate: IconFileDollar,
  checklist: IconChecklist,
  timeline: IconHistory,
  time: IconClock,
  photos: IconPhoto,
  tools: IconTool,
};

/** The review checklist matters from the review on (and stays as the record afterwards). */
const CHECKLIST_STATUSES: readonly Repair['status'][] = ['EM_REVISAO', 'FINALIZADO', 'ENTREGUE'];

export function RepairPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const repair = useRepair(id);
  if (repair.isPending) return <LoadingRows rows={8} />;
  if (repair.isError) {
    if (repair.error instanceof ApiError && repair.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/repairs" label={t('repairPage.back')} />
        <ErrorAlert error={repair.error} onRetry={() => void repair.refetch()} />
      </Stack>
    );
  }
  return <RepairView resource={repair.data} onReload={() => void repair.refetch()} />;
}

function RepairView({ resource, onReload }: { resource: Versioned<Repair>; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const currency = useOrganizationCurrency();
  const [params, setParams] = useSearchParams();
  // another screen moving or editing this order refreshes it here
  useLiveRepairs();
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  // tabs scroll sideways on a phone and wrap on wider screens
  const isPhone = useMediaQuery('(max-width: 48em)');
  // the customer's link is answered once, when the estimate is made: kept while the page is open
  const [lastEstimate, setLastEstimate] = useState<EstimateWithLink | null>(null);
  const repair = resource.data;
  const showChecklist =
    CHECKLIST_STATUSES.includes(repair.status) || repair.checklist.some((item) => item.done);
  const tabs = TABS.filter((value) => value !== 'checklist' || showChecklist);
  const tab: Tab = tabs.find((value) => value === params.get('tab')) ?? 'lines';
  const canEdit = can('repairs:update') && isEditableStatus(repair.status);
  const unestimated = [...repair.appliances, ...repair.services, ...repair.parts].filter(
    (line) => line.approval === null,
  ).length;

  const setTab = (value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!value || value === 'lines') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <BackLink to="/repairs" label={t('repairPage.back')} />
      <PageHeader
        title={t('repairPage.title', { number: repair.number })}
        description={<HeaderSummary repair={repair} currency={currency} />}
        actions={
          canEdit ? (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={openEdit}>
              {t('repairPage.edit.open')}
            </Button>
          ) : null
        }
      />

      <Stack gap="lg">
        <RepairPageStatusActions repair={repair} onOpenTab={setTab} />

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List
                mb="md"
                style={
                  isPhone
                    ? { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' }
                    : undefined
                }
              >
                {tabs.map((value) => {
                  const Icon = TAB_ICONS[value];
                  const count =
                    value === 'estimate' && unestimated > 0 && isEditableStatus(repair.status)
                      ? unestimated
                      : value === 'checklist'
                        ? repair.checklist.filter((item) => !item.done).length || null
                        : null;
                  return (
                    <Tabs.Tab
                      key={value}
                      value={value}
                      leftSection={<Icon size={16} aria-hidden />}
                      rightSection={
                        count ? (
                          <Badge size="xs" variant="light" color="orange" circle>
                            {count}
                          </Badge>
                        ) : null
                      }
                      style={{ flexShrink: 0 }}
                    >
                      {t(`repairPage.tabs.${value}`)}
                    </Tabs.Tab>
                  );
                })}
              </Tabs.List>

              <Tabs.Panel value="lines">
                <RepairPageLines
                  repair={repair}
                  currency={currency}
                  onEdit={canEdit ? openEdit : undefined}
                  onOpenEstimate={() => setTab('estimate')}
                />
              </Tabs.Panel>
              <Tabs.Panel value="estimate">
                <RepairPageEstimates
                  repair={repair}
                  currency={currency}
                  lastEstimate={lastEstimate}
                  onCreated={setLastEstimate}
                />
              </Tabs.Panel>
              {showChecklist ? (
                <Tabs.Panel value="checklist">
                  <RepairPageChecklist repair={repair} />
                </Tabs.Panel>
              ) : null}
              <Tabs.Panel value="timeline">
                <RepairPageTimeline repairId={repair.id} />
              </Tabs.Panel>
              <Tabs.Panel value="time">
                <RepairPageTimers repair={repair} />
              </Tabs.Panel>
              <Tabs.Panel value="photos">
                <RepairPagePhotos repair={repair} />
              </Tabs.Panel>
              <Tabs.Panel value="tools">
                <RepairPageTools repair={repair} />
              </Tabs.Panel>
            </Tabs>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="lg">
              <RepairInvoiceCard repair={repair} currency={currency} />
              <RepairPageDetails repair={repair} currency={currency} />
              <RepairMessages repair={repair} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      {canEdit ? (
        <RepairPageEditDrawer
          opened={editing}
          resource={resource}
          currency={currency}
          onReload={onReload}
          onClose={closeEdit}
        />
      ) : null}
    </>
  );
}

function HeaderSummary({ repair, currency }: { repair: Repair; currency: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  return (
    <Stack gap={6}>
      <Group component="span" gap="xs" wrap="wrap">
        <StatusBadge status={repair.status} size="md" />
        <PriorityBadge priority={repair.priority} />
        {repair.isOverdue ? (
          <Badge
            color="red"
            variant="filled"
            size="sm"
            leftSection={<IconAlertTriangle size={12} aria-hidden />}
          >
            {t('repairPage.header.overdue')}
          </Badge>
        ) : null}
        {repair.warrantyReturn ? (
          <Badge
            color="grape"
            variant="light"
            size="sm"
            leftSection={<IconArrowBackUp size={12} aria-hidden />}
            component={Link}
            to={`/repairs/${repair.warrantyReturn.repairId}`}
            style={{ cursor: 'pointer' }}
          >
            {t('repairPage.header.warrantyReturn', { number: repair.warrantyReturn.number })}
          </Badge>
        ) : null}
      </Group>
      {repair.serviceDescription ? (
        <Text size="sm" c="var(--mantine-color-text)" lineClamp={2} title={repair.serviceDescription}>
          {repair.serviceDescription}
        </Text>
      ) : null}
      <Group component="span" gap="md" wrap="wrap" c="dimmed" style={{ rowGap: 2 }}>
        <span>
          {t('repairPage.header.customer')}:{' '}
          {can('customers:read') ? (
            <Anchor component={Link} to={`/customers/${repair.customerId}`} size="sm">
              {repair.customerName}
            </Anchor>
          ) : (
            repair.customerName
          )}
        </span>
        {repair.asset ? (
          <span>
            {t('repairPage.header.asset')}:{' '}
            {can('assets:read') ? (
              <Anchor component={Link} to={`/assets/${repair.asset.id}`} size="sm">
                {repair.asset.label}
              </Anchor>
            ) : (
              repair.asset.label
            )}
          </span>
        ) : null}
        <span>
          {t('repairPage.header.technician')}: {repair.technicianName ?? t('repairPage.header.unassigned')}
        </span>
        <span>
          {t('repairPage.lines.totals.totalValue')}:{' '}
          <Text component="span" size="sm" fw={600} c="var(--mantine-color-text)">
            {format.money(repair.totalValue, currency)}
          </Text>
        </span>
        {repair.deadline ? (
          <Text
            component="span"
            size="sm"
            c={repair.isOverdue ? 'red' : undefined}
            fw={repair.isOverdue ? 600 : undefined}
          >
            {t('repairPage.header.deadline')}:{' '}
            {/* an instant: the day it falls on in the shop, as the board shows it */}
            <time dateTime={repair.deadline}>{format.date(repair.deadline)}</time>
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
