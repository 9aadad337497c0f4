import type { Customer } from '@bancada/shared';
import { Anchor, Badge, Button, Group, Menu, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronLeft,
  IconDots,
  IconHistory,
  IconId,
  IconNotes,
  IconPencil,
  IconReceipt,
  IconShieldCheck,
  IconTool,
  IconTrash,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { notifyError, notifySuccess } from '../../app/notify';
import { CustomerFinancialTab } from '../billing/CustomerFinancialTab';
import { PortalInviteButton } from '../portal/PortalInviteButton';
import { CustomerPrivacyActions } from '../privacy/CustomerPrivacyActions';
import { useCustomer, useCustomerHistory, useDeleteCustomer } from './api';
import { CustomerAssetsTab } from './CustomerAssetsTab';
import { CustomerConsentsTab } from './CustomerConsentsTab';
import { CustomerDataTab } from './CustomerDataTab';
import { CustomerEditDrawer } from './CustomerEditDrawer';
import { CustomerNotesTab } from './CustomerNotesTab';
import { CustomerKindBadge, documentOf } from './display';
import { HistoryView } from './HistoryView';

const TABS = ['data', 'assets', 'history', 'financial', 'notes', 'consents'] as const;
type Tab = (typeof TABS)[number];

const TAB_ICONS: Record<Tab, typeof IconId> = {
  data: IconId,
  assets: IconTool,
  history: IconHistory,
  financial: IconReceipt,
  notes: IconNotes,
  consents: IconShieldCheck,
};

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor
      component={Link}
      to={to}
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconChevronLeft size={16} aria-hidden />
      {label}
    </Anchor>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customer = useCustomer(id);

  if (customer.isPending) return <LoadingRows rows={8} />;
  if (customer.isError) {
    if (customer.error instanceof ApiError && customer.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/customers" label={t('nav.customers')} />
        <ErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />
      </Stack>
    );
  }
  return <CustomerView resource={customer.data} onReload={() => void customer.refetch()} />;
}

function CustomerView({ resource, onReload }: { resource: Versioned<Customer>; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  const [deleting, { open: openDelete, close: closeDelete }] = useDisclosure(false);
  const customer = resource.data;
  const remove = useDeleteCustomer(customer.id);
  // the money side needs the invoices' permission
  const tabs = TABS.filter((value) => value !== 'financial' || can('invoices:read'));
  const tab: Tab = tabs.find((value) => value === params.get('tab')) ?? 'data';
  const canWrite = can('customers:write');
  const document = documentOf(customer);

  const setTab = (value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!value || value === 'data') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  };

  const confirmDelete = () => {
    remove.mutate(resource.etag, {
      onSuccess: () => {
        notifySuccess(t('customers.deleted', { name: customer.name }));
        navigate('/customers', { replace: true });
      },
      onError: (error) => {
        closeDelete();
        notifyError(error);
      },
    });
  };

  return (
    <>
      <BackLink to="/customers" label={t('nav.customers')} />
      <PageHeader
        title={customer.name}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <CustomerKindBadge kind={customer.kind} />
            {customer.tradeName ? <span>{customer.tradeName}</span> : null}
            {document ? (
              <Text component="span" size="sm" ff="monospace">
                {customer.documentType && customer.documentType !== 'OTHER'
                  ? `${customer.documentType} `
                  : ''}
                {document}
              </Text>
            ) : null}
          </Group>
        }
        actions={
          <>
            {canWrite ? (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={openEdit}>
                {t('customers.edit')}
              </Button>
            ) : null}
            {canWrite ? <PortalInviteButton customer={customer} /> : null}
            <CustomerPrivacyActions customer={customer} onChanged={onReload} />
            {can('customers:delete') ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label={t('customers.moreActions')}>
                    <IconDots size={18} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={openDelete}
                  >
                    {t('customers.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List
          mb="lg"
          style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' }}
        >
          {tabs.map((value) => {
            const Icon = TAB_ICONS[value];
            return (
              <Tabs.Tab
                key={value}
                value={value}
                leftSection={<Icon size={16} aria-hidden />}
                rightSection={
                  value === 'assets' && customer.assetCount > 0 ? (
                    <Badge size="xs" variant="light" circle>
                      {customer.assetCount}
                    </Badge>
                  ) : null
                }
                style={{ flexShrink: 0 }}
              >
                {value === 'financial' ? t('billing.customer.tab') : t(`customers.tabs.${value}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>

        <Tabs.Panel value="data">
          <CustomerDataTab customer={customer} />
        </Tabs.Panel>
        <Tabs.Panel value="assets">
          <CustomerAssetsTab customerId={customer.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <CustomerHistoryTab customerId={customer.id} />
        </Tabs.Panel>
        {tabs.includes('financial') ? (
          <Tabs.Panel value="financial">
            <CustomerFinancialTab customerId={customer.id} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="notes">
          <CustomerNotesTab customer={customer} onEdit={canWrite ? openEdit : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="consents">
          <CustomerConsentsTab customer={customer} onEdit={canWrite ? openEdit : undefined} />
        </Tabs.Panel>
      </Tabs>

      {canWrite ? (
        <CustomerEditDrawer opened={editing} resource={resource} onReload={onReload} onClose={closeEdit} />
      ) : null}

      <Modal opened={deleting} onClose={closeDelete} title={t('customers.deleteTitle')} size="md">
        <Stack gap="md">
          <Text size="sm">{t('customers.deleteText', { name: customer.name })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={closeDelete}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={confirmDelete} loading={remove.isPending}>
              {t('customers.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function CustomerHistoryTab({ customerId }: { customerId: string }) {
  const history = useCustomerHistory(customerId);
  return <HistoryView query={history} showAsset />;
}
