import { ROLES, type Role, type User } from '@bancada/shared';
import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconLock, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { RoleBadge } from '../../app/components/RoleBadge';
import { useFormat } from '../../app/format';
import { type UserFilters, useUsers } from './api';
import { UserCreateModal } from './UserCreateModal';
import { UserEditDrawer } from './UserEditDrawer';

const PAGE_SIZE = 25;

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal' : 'gray'} variant={active ? 'light' : 'outline'}>
      {active ? t('users.active') : t('users.inactive')}
    </Badge>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<Role | null>(null);
  const [active, setActive] = useState<'true' | 'false' | null>(null);
  const [page, setPage] = useState(1);
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const [editingId, setEditingId] = useState<string | null>(null);

  const filters: UserFilters = {
    q: q || undefined,
    role: role ?? undefined,
    active: active ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const users = useUsers(filters);
  const filtered = Boolean(q || role || active);

  const lastLogin = (user: User) => (
    <Text size="sm" title={user.lastLoginAt ? format.dateTime(user.lastLoginAt) : undefined}>
      {user.lastLoginAt ? format.relative(user.lastLoginAt) : t('users.never')}
    </Text>
  );

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={t('users.description')}
        actions={
          can('users:manage') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
              {t('users.new')}
            </Button>
          ) : null
        }
      />

      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 16rem' }}
          type="search"
          maxLength={100}
        />
        <Select
          label={t('users.fields.role')}
          placeholder={t('common.all')}
          data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={(value) => {
            setRole(value as Role | null);
            setPage(1);
          }}
          clearable
          style={{ flex: '1 1 10rem' }}
        />
        <Select
          label={t('users.fields.status')}
          placeholder={t('common.all')}
          data={[
            { value: 'true', label: t('users.activePlural') },
            { value: 'false', label: t('users.inactivePlural') },
          ]}
          value={active}
          onChange={(value) => {
            setActive(value as 'true' | 'false' | null);
            setPage(1);
          }}
          clearable
          style={{ flex: '1 1 10rem' }}
        />
      </Group>

      <QueryStatus query={users} />

      {users.data && users.data.items.length === 0 ? (
        <Empty
          icon={<IconUsers size={28} aria-hidden />}
          title={filtered ? t('users.emptyFilteredTitle') : t('users.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('users.emptyHint')}
        />
      ) : null}

      {users.data && users.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: users.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={760} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.fields.name')}</Table.Th>
                  <Table.Th>{t('users.fields.email')}</Table.Th>
                  <Table.Th>{t('users.fields.role')}</Table.Th>
                  <Table.Th>{t('users.fields.area')}</Table.Th>
                  <Table.Th>{t('users.fields.status')}</Table.Th>
                  <Table.Th>{t('users.fields.lastLogin')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id} onClick={() => setEditingId(user.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <UnstyledButton
                          onClick={(event) => {
                            event.stopPropagation();
                            setEditingId(user.id);
                          }}
                          fw={500}
                          fz="sm"
                        >
                          {user.name}
                        </UnstyledButton>
                        {isLocked(user) ? (
                          <Tooltip label={t('users.locked')}>
                            <IconLock
                              size={14}
                              color="var(--mantine-color-red-7)"
                              aria-label={t('users.locked')}
                            />
                          </Tooltip>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{user.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={user.role} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{user.area || '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge active={user.active} />
                    </Table.Td>
                    <Table.Td>{lastLogin(user)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap="sm" hiddenFrom="sm">
            {users.data.items.map((user) => (
              <Card
                key={user.id}
                withBorder
                padding="md"
                onClick={() => setEditingId(user.id)}
                style={{ cursor: 'pointer' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <UnstyledButton
                    fw={600}
                    style={{
                      minWidth: 0,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                    }}
                    onClick={(event) => {
                      event.stopPropagation();
                      setEditingId(user.id);
                    }}
                  >
                    {user.name}
                  </UnstyledButton>
                  <RoleBadge role={user.role} />
                </Group>
                <Text size="sm" c="dimmed" truncate>
                  {user.email}
                </Text>
                <Group gap="xs" mt="xs">
                  <ActiveBadge active={user.active} />
                  {isLocked(user) ? (
                    <Badge color="red" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
                      {t('users.locked')}
                    </Badge>
                  ) : null}
                  {user.area ? (
                    <Text size="xs" c="dimmed">
                      {user.area}
                    </Text>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" mt={4}>
                  {t('users.fields.lastLogin')}:{' '}
                  {user.lastLoginAt ? format.relative(user.lastLoginAt) : t('users.never')}
                </Text>
              </Card>
            ))}
          </Stack>

          <Paging total={users.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}

      {can('users:manage') ? <UserCreateModal opened={creating} onClose={closeCreate} /> : null}
      <UserEditDrawer userId={editingId} onClose={() => setEditingId(null)} />
    </>
  );
}
