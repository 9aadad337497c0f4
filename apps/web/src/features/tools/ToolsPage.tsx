import type { Tool, ToolStatus } from '@bancada/shared';
import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconCheck,
  IconHammer,
  IconHistory,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useToolBoard, useUpdateTool } from './api';
import { CheckinModal, CheckoutModal, HistoryDrawer, STATUS_COLORS, ToolCreateModal } from './ToolDialogs';

const COLUMNS = ['available', 'in_use', 'maintenance'] as const satisfies readonly ToolStatus[];

function matches(tool: Tool, q: string): boolean {
  if (!q) return true;
  const text = [tool.code, tool.name, tool.category, tool.location, tool.checkout?.technicianName]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase();
  return text.includes(q.toLocaleLowerCase());
}

export function ToolsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const board = useToolBoard();
  const [search, setSearch] = useState('');
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const [checkingOut, setCheckingOut] = useState<Tool | null>(null);
  const [checkingIn, setCheckingIn] = useState<Tool | null>(null);
  const [history, setHistory] = useState<Tool | null>(null);
  const tools = (board.data?.items ?? []).filter((tool) => matches(tool, search.trim()));

  const newButton = can('tools:write') ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
      {t('tools.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('nav.tools')} description={t('tools.description')} actions={newButton} />
      <TextInput
        mb="md"
        label={t('common.search')}
        placeholder={t('tools.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        type="search"
        maxLength={120}
      />
      <QueryStatus query={board} rows={6} />
      {board.data && board.data.items.length === 0 ? (
        <Empty
          icon={<IconHammer size={28} aria-hidden />}
          title={t('tools.emptyTitle')}
          description={t('tools.emptyHint')}
        >
          {newButton}
        </Empty>
      ) : null}
      {board.data && board.data.items.length > 0 ? (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          {COLUMNS.map((status) => {
            const column = tools.filter((tool) => tool.status === status);
            const headingId = `tools-${status}`;
            return (
              <Paper
                key={status}
                withBorder
                radius="md"
                p="sm"
                bg="var(--mantine-color-gray-0)"
                component="section"
                aria-labelledby={headingId}
              >
                <Group justify="space-between" mb="sm">
                  <Title order={2} fz="h5" id={headingId}>
                    {t(`tools.statuses.${status}`)}
                  </Title>
                  <Badge variant="light" color={STATUS_COLORS[status]} circle>
                    {column.length}
                  </Badge>
                </Group>
                <Stack gap="sm">
                  {column.length === 0 ? (
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      {t('tools.emptyColumn')}
                    </Text>
                  ) : null}
                  {column.map((tool) => (
                    <ToolCard
                      key={tool.id}
                      tool={tool}
                      onCheckout={() => setCheckingOut(tool)}
                      onCheckin={() => setCheckingIn(tool)}
                      onHistory={() => setHistory(tool)}
                    />
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      ) : null}

      <CheckoutModal tool={checkingOut} onClose={() => setCheckingOut(null)} />
      <CheckinModal tool={checkingIn} onClose={() => setCheckingIn(null)} />
      <HistoryDrawer tool={history} onClose={() => setHistory(null)} />
      {can('tools:write') ? <ToolCreateModal opened={creating} onClose={closeCreate} /> : null}
    </>
  );
}

interface ToolCardProps {
  tool: Tool;
  onCheckout: () => void;
  onCheckin: () => void;
  onHistory: () => void;
}

function ToolCard({ tool, onCheckout, onCheckin, onHistory }: ToolCardProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const update = useUpdateTool(tool);
  const canCheckout = can('tools:checkout');

  const backToAvailable = () => {
    update.mutate(
      { status: 'available' },
      {
        onSuccess: () => notifySuccess(t('tools.backAvailable', { name: tool.name })),
        onError: (error) => notifyError(error),
      },
    );
  };

  return (
    <Card withBorder padding="sm" radius="md" aria-label={`${tool.code} ${tool.name}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {tool.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {tool.code}
          </Text>
        </Stack>
        {tool.category ? (
          <Badge variant="outline" color="gray" size="sm" style={{ flexShrink: 0 }}>
            {tool.category}
          </Badge>
        ) : null}
      </Group>
      {tool.status === 'in_use' && tool.checkout ? (
        <Text size="sm" mt={6}>
          {tool.checkout.technicianName
            ? t('tools.withWhom', { name: tool.checkout.technicianName })
            : t('tools.withRepair')}
          <Text component="span" size="xs" c="dimmed">
            {' '}
            · {format.relative(tool.checkout.at)}
          </Text>
        </Text>
      ) : null}
      {tool.location ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('tools.fields.location')}: {tool.location}
        </Text>
      ) : null}
      <Group gap="xs" mt="sm">
        {tool.status === 'available' && canCheckout ? (
          <Button
            size="xs"
            leftSection={<IconArrowForwardUp size={14} aria-hidden />}
            onClick={onCheckout}
            aria-label={t('tools.checkout.openFor', { name: tool.name })}
          >
            {t('tools.checkout.open')}
          </Button>
        ) : null}
        {tool.status === 'in_use' && canCheckout ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconArrowBackUp size={14} aria-hidden />}
            onClick={onCheckin}
            aria-label={t('tools.checkin.openFor', { name: tool.name })}
          >
            {t('tools.checkin.open')}
          </Button>
        ) : null}
        {tool.status === 'maintenance' && can('tools:write') ? (
          <Button
            size="xs"
            variant="light"
            color="teal"
            leftSection={<IconCheck size={14} aria-hidden />}
            onClick={backToAvailable}
            loading={update.isPending}
          >
            {t('tools.markAvailable')}
          </Button>
        ) : null}
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconHistory size={14} aria-hidden />}
          onClick={onHistory}
          aria-label={t('tools.history.openFor', { name: tool.name })}
        >
          {t('tools.history.open')}
        </Button>
      </Group>
    </Card>
  );
}
