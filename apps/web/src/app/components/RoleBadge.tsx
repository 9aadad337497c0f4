import type { Role } from '@bancada/shared';
import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const ROLE_COLORS: Record<Role, MantineColor> = {
  ADMINISTRATOR: 'grape',
  MANAGER: 'indigo',
  ATTENDANT: 'cyan',
  TECHNICIAN: 'orange',
  CUSTOMER: 'gray',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROLE_COLORS[role]} variant="light">
      {t(`roles.${role}`)}
    </Badge>
  );
}
