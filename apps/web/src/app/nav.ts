import type { Permission } from '@bancada/shared';
import {
  IconBox,
  IconBuildingStore,
  IconCalendarDue,
  IconCalendarEvent,
  IconCashRegister,
  IconClipboardList,
  IconDatabaseExport,
  IconHammer,
  IconHelp,
  IconHome,
  IconLifebuoy,
  IconListDetails,
  IconLock,
  IconMailForward,
  IconMessages,
  IconMoodSmile,
  IconNotebook,
  IconReceipt,
  IconReportMoney,
  IconShieldLock,
  IconShoppingCart,
  IconSpeakerphone,
  IconTemplate,
  IconTool,
  IconTruckDelivery,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';

/** Billing's sections: their words are in the service-order part of the strings (see sectionTitle). */
export type BillingSectionKey = 'invoices' | 'cash' | 'receivables';

export type SectionKey =
  | 'home'
  | 'repairs'
  | 'myJobs'
  | 'calendar'
  | 'serviceCatalog'
  | 'customers'
  | 'inbox'
  | 'reminders'
  | 'feedback'
  | 'campaigns'
  | 'tickets'
  | 'faq'
  | BillingSectionKey
  | 'inventory'
  | 'purchasing'
  | 'suppliers'
  | 'tools'
  | 'users'
  | 'organization'
  | 'permissions'
  | 'audit'
  | 'outbox'
  | 'messageTemplates'
  | 'privacy'
  | 'backups'
  | 'account';

export interface Section {
  key: SectionKey;
  path: string;
  icon: typeof IconHome;
  /** absent: everyone signed in may open it */
  permission?: Permission;
}

/** The sections of the staff app, in menu order. Modules that do not exist yet are not listed. */
export const SECTIONS: readonly Section[] = [
  { key: 'home', path: '/', icon: IconHome },
  { key: 'repairs', path: '/repairs', icon: IconClipboardList, permission: 'repairs:read' },
  { key: 'myJobs', path: '/my-jobs', icon: IconTool, permission: 'repairs:transition' },
  { key: 'calendar', path: '/calendar', icon: IconCalendarEvent, permission: 'appointments:read' },
  { key: 'serviceCatalog', path: '/service-catalog', icon: IconNotebook, permission: 'repairs:read' },
  { key: 'customers', path: '/customers', icon: IconUsersGroup, permission: 'customers:read' },
  { key: 'inbox', path: '/inbox', icon: IconMessages, permission: 'messages:read' },
  { key: 'reminders', path: '/maintenance-reminders', icon: IconCalendarDue, permission: 'assets:read' },
  { key: 'feedback', path: '/feedback', icon: IconMoodSmile, permission: 'feedback:read' },
  { key: 'campaigns', path: '/campaigns', icon: IconSpeakerphone, permission: 'campaigns:manage' },
  { key: 'tickets', path: '/tickets', icon: IconLifebuoy, permission: 'tickets:read' },
  { key: 'faq', path: '/faq', icon: IconHelp, permission: 'faq:read' },
  { key: 'invoices', path: '/invoices', icon: IconReceipt, permission: 'invoices:read' },
  { key: 'cash', path: '/cash', icon: IconCashRegister, permission: 'cash:manage' },
  { key: 'receivables', path: '/receivables', icon: IconReportMoney, permission: 'invoices:read' },
  { key: 'inventory', path: '/inventory', icon: IconBox, permission: 'components:read' },
  { key: 'purchasing', path: '/purchase-orders', icon: IconShoppingCart, permission: 'purchase-orders:read' },
  { key: 'suppliers', path: '/suppliers', icon: IconTruckDelivery, permission: 'suppliers:read' },
  { key: 'tools', path: '/tools', icon: IconHammer, permission: 'tools:read' },
  { key: 'users', path: '/users', icon: IconUsers, permission: 'users:read' },
  { key: 'organization', path: '/organization', icon: IconBuildingStore, permission: 'organization:read' },
  { key: 'permissions', path: '/permissions', icon: IconShieldLock, permission: 'permissions:manage' },
  { key: 'audit', path: '/audit', icon: IconListDetails, permission: 'audit:read' },
  { key: 'outbox', path: '/outbox', icon: IconMailForward, permission: 'outbox:read' },
  { key: 'messageTemplates', path: '/message-templates', icon: IconTemplate, permission: 'templates:manage' },
  { key: 'privacy', path: '/lgpd', icon: IconLock, permission: 'privacy:manage' },
  { key: 'backups', path: '/backups', icon: IconDatabaseExport, permission: 'backups:manage' },
  { key: 'account', path: '/account', icon: IconUserCircle },
];

export function visibleSections(can: (permission: Permission) => boolean): Section[] {
  return SECTIONS.filter((section) => !section.permission || can(section.permission));
}
