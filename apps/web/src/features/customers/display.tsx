import { type Customer, formatDocument } from '@bancada/shared';
import { Badge } from '@mantine/core';
import { IconBuilding, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The document with the mask of its type, as the server formatted it. */
export function documentOf(customer: Pick<Customer, 'document' | 'documentType' | 'documentFormatted'>) {
  if (customer.documentFormatted) return customer.documentFormatted;
  if (!customer.document) return null;
  return customer.documentType ? formatDocument(customer.documentType, customer.document) : customer.document;
}

export function CustomerKindBadge({ kind }: { kind: Customer['kind'] }) {
  const { t } = useTranslation();
  const Icon = kind === 'company' ? IconBuilding : IconUser;
  return (
    <Badge
      variant="light"
      color={kind === 'company' ? 'indigo' : 'cyan'}
      leftSection={<Icon size={12} aria-hidden />}
      style={{ flexShrink: 0 }}
    >
      {t(`customers.kinds.${kind}`)}
    </Badge>
  );
}
