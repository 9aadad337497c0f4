import type { Customer } from '@bancada/shared';
import { Button, Tooltip } from '@mantine/core';
import { IconMailShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../app/notify';
import { useInviteToPortal } from './api';

/** Staff, on the customer's page: e-mail the customer a link to set a portal password. */
export function PortalInviteButton({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const invite = useInviteToPortal(customer.id);
  // a login exists already: nothing to invite to
  if (customer.portalUserId) return null;
  const button = (
    <Button
      variant="default"
      leftSection={<IconMailShare size={16} aria-hidden />}
      loading={invite.isPending}
      disabled={!customer.email}
      onClick={() =>
        invite.mutate(undefined, {
          onSuccess: () => notifySuccess(t('portal.staff.invited', { email: customer.email ?? '' })),
          onError: (error) => notifyError(error),
        })
      }
    >
      {t('portal.staff.invite')}
    </Button>
  );
  return customer.email ? button : <Tooltip label={t('portal.staff.inviteNeedsEmail')}>{button}</Tooltip>;
}
