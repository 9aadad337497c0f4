import { Alert, Button, Group, Text } from '@mantine/core';
import { IconWorldOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth';

/**
 * For administrators: customer links (estimates by e-mail and WhatsApp) would point at localhost or a
 * private address, so customers could not open them; the fix is one field in the shop settings.
 */
export function CustomerLinksBanner() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  if (me.organization.customerLinksReachable || !can('organization:manage')) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      icon={<IconWorldOff aria-hidden />}
      title={t('shell.customerLinks.title')}
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('shell.customerLinks.body')}</Text>
        <Button component={Link} to="/organization#org-links" size="xs" variant="light" color="orange">
          {t('shell.customerLinks.action')}
        </Button>
      </Group>
    </Alert>
  );
}

/** In the "send estimate" dialog, before sending: the link would not open for the customer. */
export function CustomerLinksWarning() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  if (me.organization.customerLinksReachable) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconWorldOff aria-hidden />} p="xs" role="status">
      <Text size="sm">{t('repairPage.estimate.linksUnreachable')}</Text>
      {can('organization:manage') ? (
        <Button component={Link} to="/organization#org-links" size="compact-xs" variant="subtle" mt={4}>
          {t('repairPage.estimate.linksSettings')}
        </Button>
      ) : null}
    </Alert>
  );
}
