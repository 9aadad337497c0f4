import { REPAIR_STATUSES, type RepairStatus } from '@bancada/shared';
import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One colour per status, on the board, the list and the order page. */
export const STATUS_COLORS: Record<RepairStatus, MantineColor> = {
  NAO_INICIADO: 'gray',
  AGUARDANDO_APROVACAO: 'yellow',
  AGUARDANDO_PECAS: 'orange',
  EM_ANDAMENTO: 'blue',
  EM_REVISAO: 'violet',
  FINALIZADO: 'teal',
  ENTREGUE: 'green',
  CANCELADO: 'red',
};

export { REPAIR_STATUSES };

export function StatusBadge({
  status,
  size = 'sm',
}: {
  status: RepairStatus;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {t(`repairStatus.${status}`)}
    </Badge>
  );
}
