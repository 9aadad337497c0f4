import { Box, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { IconCalendarPlus, IconCar, IconClipboardList, IconHelp, IconUserCircle } from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth, useUpdateMe } from '../../app/auth';
import { LanguageSwitcher } from '../../app/components/LanguageSwitcher';
import { LoadingRows } from '../../app/components/QueryStates';
import { useLiveRepairs } from '../../app/live';
import { notifyError } from '../../app/notify';

const TABS = [
  { key: 'orders', path: '/portal', icon: IconClipboardList },
  { key: 'book', path: '/portal/book', icon: IconCalendarPlus },
  { key: 'assets', path: '/portal/assets', icon: IconCar },
  { key: 'account', path: '/portal/account', icon: IconUserCircle },
  { key: 'help', path: '/portal/help', icon: IconHelp },
] as const;

function isActive(pathname: string, path: string): boolean {
  if (path === '/portal') return pathname === '/portal' || pathname.startsWith('/portal/orders');
  return pathname === path || pathname.startsWith(`${path}/`);
}

/** The signed-in customer's id; the portal's pages render only inside PortalShell, which checks it. */
export function usePortalCustomerId(): string {
  const { me } = useAuth();
  if (!me.customerId) throw new Error('usePortalCustomerId outside the portal');
  return me.customerId;
}

/**
 * The customer's side of the app (issue 15 §3), phone first: the shop's name on top, the sections
 * in a bar at the bottom within the thumb's reach, one narrow column. Order statuses follow live.
 */
export function PortalShell() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { pathname } = useLocation();
  const updateMe = useUpdateMe();
  useLiveRepairs();

  // the sticky header and the bottom bar must not hide the field that has the focus (WCAG 2.4.11)
  useEffect(() => {
    const root = document.documentElement.style;
    root.scrollPaddingTop = '80px';
    root.scrollPaddingBottom = '96px';
    return () => {
      root.scrollPaddingTop = '';
      root.scrollPaddingBottom = '';
    };
  }, []);

  // staff (and a customer login not linked to a record) use the staff app
  if (me.role !== 'CUSTOMER' || !me.customerId) return <Navigate to="/" replace />;

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" pb={88}>
      <a href="#main-content" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <Box
        component="header"
        bg="var(--mantine-color-body)"
        pos="sticky"
        top={0}
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', zIndex: 100 }}
      >
        <Container size={720} px="md" py="xs">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Box style={{ minWidth: 0 }}>
              <Text fw={700} size="lg" truncate data-testid="organization-name">
                {me.organization.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {t('portal.shell.greeting', { name: me.name })}
              </Text>
            </Box>
            <LanguageSwitcher
              onChanged={(locale) => updateMe.mutate({ locale }, { onError: (error) => notifyError(error) })}
            />
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main-content" size={720} px={{ base: 'sm', sm: 'md' }} py="md">
        <Suspense fallback={<LoadingRows />}>
          <Outlet />
        </Suspense>
      </Container>
      <Box
        component="nav"
        aria-label={t('portal.nav.label')}
        pos="fixed"
        bottom={0}
        left={0}
        right={0}
        bg="var(--mantine-color-body)"
        style={{
          borderTop: '1px solid var(--mantine-color-gray-3)',
          zIndex: 100,
          paddingBottom: 'env(safe-area-inset-bottom)',
        }}
      >
        <Container size={720} px={0}>
          <Group grow gap={0} wrap="nowrap">
            {TABS.map((tab) => {
              const active = isActive(pathname, tab.path);
              const Icon = tab.icon;
              return (
                <UnstyledButton
                  key={tab.key}
                  component={Link}
                  to={tab.path}
                  aria-current={active ? 'page' : undefined}
                  py={8}
                  c={active ? 'cyan.8' : 'dimmed'}
                  style={{
                    display: 'flex',
                    flexDirection: 'column',
                    alignItems: 'center',
                    gap: 2,
                    minHeight: 56,
                  }}
                >
                  <Icon size={24} stroke={active ? 2.2 : 1.6} aria-hidden />
                  <Text size="xs" fw={active ? 700 : 500} style={{ color: 'inherit', whiteSpace: 'nowrap' }}>
                    {t(`portal.nav.${tab.key}`)}
                  </Text>
                </UnstyledButton>
              );
            })}
          </Group>
        </Container>
      </Box>
    </Box>
  );
}
