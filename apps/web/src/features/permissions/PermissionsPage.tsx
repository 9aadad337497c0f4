import type { Permission, PermissionMatrix, Role } from '@bancada/shared';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowBackUp, IconInfoCircle } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryStatus } from '../../app/components/QueryStates';
import { notifyError, notifySuccess } from '../../app/notify';
import { type Grants, usePermissionMatrix, useUpdateGrants } from './api';

type Row = PermissionMatrix['permissions'][number];

// on a phone the roles scroll sideways while the permission's name stays in view
const STICKY_CELL = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  minWidth: '13rem',
} as const;
const CHANGED_BG = 'var(--mantine-color-yellow-1)';

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

type ResourceOf<P> = P extends `${infer R}:${string}` ? R : never;
type Resource = ResourceOf<Permission>;

function resourceOf(permission: string): Resource {
  return (permission.split(':')[0] ?? permission) as Resource;
}

export function PermissionsPage() {
  const { t } = useTranslation();
  const matrix = usePermissionMatrix();
  return (
    <>
      <PageHeader title={t('nav.permissions')} description={t('permissions.description')} />
      <QueryStatus query={matrix} rows={10} />
      {matrix.data ? <MatrixEditor matrix={matrix.data} /> : null}
    </>
  );
}

function MatrixEditor({ matrix }: { matrix: PermissionMatrix }) {
  const { t } = useTranslation();
  const update = useUpdateGrants();
  // rows the administrator touched, keyed by permission: the roles as they are on screen
  const [draft, setDraft] = useState<Partial<Record<Permission, Role[]>>>({});

  const groups = useMemo(() => {
    const byResource = new Map<Resource, Row[]>();
    for (const row of matrix.permissions) {
      const resource = resourceOf(row.permission);
      byResource.set(resource, [...(byResource.get(resource) ?? []), row]);
    }
    return [...byResource.entries()];
  }, [matrix.permissions]);

  const rolesOf = (row: Row): Role[] => draft[row.permission as Permission] ?? row.roles;
  const changed = matrix.permissions.filter((row) => {
    const edited = draft[row.permission as Permission];
    return edited !== undefined && !sameRoles(edited, row.roles);
  });

  const toggle = (row: Row, role: Role, checked: boolean) => {
    const current = rolesOf(row);
    const next = checked ? [...current, role] : current.filter((r) => r !== role);
    setDraft((prev) => ({ ...prev, [row.permission]: matrix.roles.filter((r) => next.includes(r)) }));
  };

  const save = () => {
    const grants: Grants = {};
    for (const row of changed) grants[row.permission as Permission] = rolesOf(row);
    update.mutate(grants, {
      onSuccess: () => {
        setDraft({});
        notifySuccess(t('permissions.saved', { count: changed.length }));
      },
      onError: notifyError,
    });
  };

  const restore = (row: Row) => {
    update.mutate({ [row.permission]: null } as Grants, {
      onSuccess: () => {
        setDraft(({ [row.permission as Permission]: _, ...rest }) => rest);
        notifySuccess(
          t('permissions.restored', { permission: t(`permissionNames.${row.permission as Permission}`) }),
        );
      },
      onError: notifyError,
    });
  };

  return (
    <>
      <Alert color="cyan" variant="light" icon={<IconInfoCircle aria-hidden />} mb="md">
        {t('permissions.adminAlways')}
      </Alert>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={STICKY_CELL}>{t('permissions.permission')}</Table.Th>
                {matrix.roles.map((role) => (
                  <Table.Th key={role} ta="center">
                    {t(`roles.${role}`)}
                  </Table.Th>
                ))}
                <Table.Th>
                  <VisuallyHidden>{t('permissions.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map(([resource, rows]) => (
                <Fragment key={resource}>
                  <Table.Tr bg="var(--mantine-color-gray-light)">
                    <Table.Th colSpan={matrix.roles.length + 2} scope="colgroup">
                      <Text
                        size="xs"
                        fw={700}
                        tt="uppercase"
                        c="dimmed"
                        pos="sticky"
                        left={0}
                        display="inline-block"
                      >
                        {t(`permissions.resources.${resource}`)}
                      </Text>
                    </Table.Th>
                  </Table.Tr>
                  {rows.map((row) => {
                    const permission = row.permission as Permission;
                    const label = t(`permissionNames.${permission}`);
                    const roles = rolesOf(row);
                    const isChanged = changed.includes(row);
                    return (
                      <Table.Tr
                        key={permission}
                        bg={isChanged ? 'var(--mantine-color-yellow-light)' : undefined}
                      >
                        <Table.Th
                          scope="row"
                          fw={400}
                          style={{
                            ...STICKY_CELL,
                            background: isChanged ? CHANGED_BG : STICKY_CELL.background,
                          }}
                        >
                          <Group gap={6}>
                            <Text size="sm">{label}</Text>
                            {row.adjusted ? (
                              <Badge size="xs" variant="light" color="orange">
                                {t('permissions.adjusted')}
                              </Badge>
                            ) : null}
                            {isChanged ? (
                              <Badge size="xs" variant="light" color="yellow">
                                {t('permissions.unsaved')}
                              </Badge>
                            ) : null}
                          </Group>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {permission}
                          </Text>
                        </Table.Th>
                        {matrix.roles.map((role) => {
                          const isAdmin = role === 'ADMINISTRATOR';
                          return (
                            <Table.Td key={role} ta="center">
                              <Checkbox
                                checked={isAdmin || roles.includes(role)}
                                disabled={isAdmin || update.isPending}
                                onChange={(event) => toggle(row, role, event.currentTarget.checked)}
                                aria-label={t('permissions.cellLabel', {
                                  permission: label,
                                  role: t(`roles.${role}`),
                                })}
                                styles={{ body: { justifyContent: 'center' } }}
                              />
                            </Table.Td>
                          );
                        })}
                        <Table.Td>
                          <Tooltip label={t('permissions.restoreDefault')}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              disabled={!row.adjusted || update.isPending}
                              onClick={() => restore(row)}
                              aria-label={t('permissions.restoreDefaultOf', { permission: label })}
                            >
                              <IconArrowBackUp size={18} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper
        withBorder
        shadow="md"
        radius="md"
        p="sm"
        mt="md"
        pos="sticky"
        bottom="var(--mantine-spacing-md)"
        style={{ zIndex: 2 }}
      >
        <Group justify="space-between" gap="sm">
          <Text size="sm" c={changed.length ? undefined : 'dimmed'}>
            {changed.length
              ? t('permissions.pending', { count: changed.length })
              : t('permissions.noChanges')}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!changed.length || update.isPending}
              onClick={() => setDraft({})}
            >
              {t('common.discard')}
            </Button>
            <Button disabled={!changed.length} loading={update.isPending} onClick={save}>
              {t('permissions.save')}
            </Button>
          </Group>
        </Group>
      </Paper>
    </>
  );
}
