import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useLogout } from '../../app/auth';
import { PortalTitle } from './display';
import { PortalSection } from './sections';

/** Help: how the portal works, the shop's privacy policy, signing out. */
export function PortalHelpPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const logout = useLogout();
  const navigate = useNavigate();
  const signOut = async () => {
    await logout();
    navigate('/login', { replace: true });
  };
  return (
    <Stack gap="md">
      <PortalTitle title={t('portal.help.title')} />
      <PortalSection id="portal-help-how" title={t('portal.help.howTitle')}>
        <Text size="sm">{t('portal.help.orders')}</Text>
        <Text size="sm">{t('portal.help.book')}</Text>
        <Text size="sm">{t('portal.help.estimates')}</Text>
        <Text size="sm">{t('portal.help.assets')}</Text>
        <Text size="sm">{t('portal.help.data')}</Text>
        <Text size="sm">{t('portal.help.contact', { shop: me.organization.name })}</Text>
      </PortalSection>
      <PortalSection id="portal-help-privacy" title={t('portal.privacy.title')}>
        <Anchor href="/privacy" target="_blank" rel="noopener" size="sm">
          <Group gap={4} component="span">
            {t('portal.privacy.policy')}
            <IconExternalLink size={14} aria-hidden />
          </Group>
        </Anchor>
        <Anchor component={Link} to="/portal/account" size="sm">
          {t('portal.help.myData')}
        </Anchor>
      </PortalSection>
      <PortalSection id="portal-help-account" title={t('portal.help.accountTitle')}>
        <Text size="sm">{t('portal.help.signedInAs', { email: me.email })}</Text>
        <Button
          variant="default"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => void signOut()}
        >
          {t('portal.help.signOut')}
        </Button>
      </PortalSection>
    </Stack>
  );
}
