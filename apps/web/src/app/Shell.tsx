import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { SearchButton, SearchField } from '../features/search/GlobalSearch';
import { useAuth, useLogout, useUpdateMe } from './auth';
import { Brand } from './components/Brand';
import { CustomerLinksBanner } from './components/CustomerLinksBanner';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { visibleSections } from './nav';
import { notifyError } from './notify';
import { sectionTitle } from './section-words';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

function isActive(pathname: string, path: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

export function Shell() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const updateMe = useUpdateMe();
  const sections = visibleSections(can);
  const canSearch = can('customers:read');
  // one search box on wider screens, an icon opening a full-screen search on phones (Mantine's sm)
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });

  // on a phone the menu covers the page: close it once a section was chosen
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [location.pathname]);

  const signOut = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      {/* the first stop for the keyboard: past the header and the menu, straight to the page */}
      <a href="#main-content" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flexShrink: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <UnstyledButton component={Link} to="/">
              <Brand size={26} />
            </UnstyledButton>
            <Text
              c="dimmed"
              size="sm"
              truncate
              maw={220}
              visibleFrom={canSearch ? 'md' : 'sm'}
              ml="xs"
              data-testid="organization-name"
            >
              {me.organization.name}
            </Text>
          </Group>
          {canSearch && !isPhone ? (
            <Group justify="center" style={{ flex: '1 1 auto', minWidth: 0 }} px="sm">
              <div style={{ width: '100%', maxWidth: '30rem' }}>
                <SearchField />
              </div>
            </Group>
          ) : null}
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {canSearch && isPhone ? <SearchButton /> : null}
            <LanguageSwitcher
              onChanged={(locale) => updateMe.mutate({ locale }, { onError: (error) => notifyError(error) })}
            />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                {/* named by its content, which holds the visible name (WCAG 2.5.3 label in name) */}
                <UnstyledButton px={4}>
                  <Group gap={6} wrap="nowrap">
                    <Avatar size={32} radius="xl" color="cyan" aria-hidden>
                      {initials(me.name)}
                    </Avatar>
                    <VisuallyHidden>{t('shell.userMenu')}</VisuallyHidden>
                    <Text size="sm" fw={500} visibleFrom="md" truncate maw={160}>
                      {me.name}
                    </Text>
                    <VisuallyHidden hiddenFrom="md">{me.name}</VisuallyHidden>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={600} c="var(--mantine-color-text)">
                    {me.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {me.email}
                  </Text>
                </Menu.Label>
                <Menu.Divider />
                <Menu.Item
                  component={Link}
                  to="/account"
                  leftSection={<IconUserCircle size={16} aria-hidden />}
                >
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() => void signOut()}
                >
                  {t('shell.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="main-navigation" aria-label={t('shell.mainNavigation')} p="sm">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" px="sm" pb="xs" hiddenFrom="sm" truncate>
          {me.organization.name}
        </Text>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {sections.map((section) => {
              const Icon = section.icon;
              const active = isActive(location.pathname, section.path);
              return (
                <NavLink
                  key={section.key}
                  component={Link}
                  to={section.path}
                  label={sectionTitle(t, section.key)}
                  leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="light"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1}>
        <CustomerLinksBanner />
        <Suspense fallback={<Loader m="xl" aria-label={t('common.loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
