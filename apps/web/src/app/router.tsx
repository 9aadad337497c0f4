import type { Permission } from '@bancada/shared';
import { type ComponentType, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { createBrowserRouter, matchRoutes, type RouteObject, useLocation, useNavigate } from 'react-router';
import { type AuthNavigation, AuthNavigationProvider } from '../features/auth/navigation';
import { StaffOnly } from '../features/portal/StaffOnly';
import { NotFoundPage } from './components/StatusPages';
import { RedirectIfSignedIn, RequireAuth, RequirePermission } from './guards';
import { i18nReady, loadRepairMessages } from './i18n';

type LazyPage = ReturnType<typeof lazy<ComponentType>> & {
  /**
   * starts fetching the page's code (and its strings once the language is known) before it renders;
   * settles when both are in, never rejects (a failure shows when the page renders)
   */
  preload: () => Promise<void>;
};

/**
 * A thenable that calls back at once. React.lazy reads it within the same render, whereas a resolved
 * promise calls back a tick later: the frame would show the page's loader for a moment, and React holds
 * back what replaces a fallback for 300 ms.
 */
function settled<T>(value: T): Promise<T> {
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a thenable that answers synchronously is the point
    then: (resolve: (value: T) => unknown) => resolve(value),
  };
  return thenable as unknown as Promise<T>;
}

/**
 * Loads a page's code when it is first visited (React.lazy wants a default export), or earlier through
 * `preload`: the code is fetched once either way. `messages` are strings the page waits for.
 */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  messages?: () => Promise<void>,
): LazyPage {
  let code: Promise<ComponentType> | undefined;
  /** the page once `preload` has fetched its code and strings */
  let preloaded: ComponentType | undefined;
  const loadCode = () => {
    if (!code) {
      code = load().then((module) => module[name]);
      // a failed fetch is tried again the next time the page is wanted
      code.catch(() => {
        code = undefined;
      });
    }
    return code;
  };
  const Page = lazy(() =>
    preloaded
      ? settled({ default: preloaded })
      : Promise.all([loadCode(), messages?.()]).then(([Component]) => ({ default: Component })),
  );
  return Object.assign(Page, {
    preload: () =>
      Promise.all([
        loadCode(),
        // the strings come in the current language, known once i18n has started
        messages ? i18nReady.then(messages) : undefined,
      ]).then(
        ([Component]) => {
          preloaded = Component;
        },
        () => undefined,
      ),
  });
}

/** What a route's `handle` says about loading ahead (see preloadRoute). */
interface RouteHandle {
  preload?: () => Promise<void>;
  /** only with a session (true) or only without one (false): elsewhere the visitor is sent away */
  signedIn?: boolean;
}

function preloaded(Page: LazyPage) {
  return { element: <Page />, handle: { preload: Page.preload } satisfies RouteHandle };
}

// the signed-in frame (navigation, search, menus) is not needed by the public pages; it shows service
// orders' strings (a part of each language of its own)
const Shell = page(() => import('./Shell'), 'Shell', loadRepairMessages);
const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const ForgotPasswordPage = page(() => import('../features/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../features/auth/ResetPasswordPage'), 'ResetPasswordPage');
const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
const UsersPage = page(() => import('../features/users/UsersPage'), 'UsersPage');
const OrganizationPage = page(() => import('../features/organization/OrganizationPage'), 'OrganizationPage');
const PermissionsPage = page(() => import('../features/permissions/PermissionsPage'), 'PermissionsPage');
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage');
const OutboxPage = page(() => import('../features/outbox/OutboxPage'), 'OutboxPage');
const BackupsPage = page(() => import('../features/backups/BackupsPage'), 'BackupsPage');
const PrivacyPage = page(() => import('../features/privacy/PrivacyPage'), 'PrivacyPage');
const PublicPolicyPage = page(() => import('../features/privacy/PublicPolicyPage'), 'PublicPolicyPage');
const AccountPage = page(() => import('../features/account/AccountPage'), 'AccountPage');
const CustomersPage = page(() => import('../features/customers/CustomersPage'), 'CustomersPage');
const CustomerCreatePage = page(
  () => import('../features/customers/CustomerCreatePage'),
  'CustomerCreatePage',
);
const CustomerPage = page(() => import('../features/customers/CustomerPage'), 'CustomerPage');
const AssetPage = page(() => import('../features/assets/AssetPage'), 'AssetPage');
const ComponentsPage = page(() => import('../features/inventory/ComponentsPage'), 'ComponentsPage');
const ComponentPage = page(() => import('../features/inventory/ComponentPage'), 'ComponentPage');
const PurchaseOrdersPage = page(
  () => import('../features/purchase-orders/PurchaseOrdersPage'),
  'PurchaseOrdersPage',
);
const PurchaseOrderPage = page(
  () => import('../features/purchase-orders/PurchaseOrderPage'),
  'PurchaseOrderPage',
);
const SuppliersPage = page(() => import('../features/suppliers/SuppliersPage'), 'SuppliersPage');
const SupplierPage = page(() => import('../features/suppliers/SupplierPage'), 'SupplierPage');
const ToolsPage = page(() => import('../features/tools/ToolsPage'), 'ToolsPage');
const AssetLabelPage = page(() => import('../features/assets/AssetLabelPage'), 'AssetLabelPage');
const RepairsBoardPage = page(() => import('../features/repairs/RepairsBoardPage'), 'RepairsBoardPage');
const RepairsListPage = page(() => import('../features/repairs/RepairsListPage'), 'RepairsListPage');
const RepairCreatePage = page(() => import('../features/repairs/RepairCreatePage'), 'RepairCreatePage');
const MyJobsPage = page(() => import('../features/repairs/MyJobsPage'), 'MyJobsPage');
const RepairPage = page(() => import('../features/repairs/RepairPage'), 'RepairPage');
// appointments and the shop's calendar (issue 15 §1)
const CalendarPage = page(() => import('../features/scheduling/CalendarPage'), 'CalendarPage');
const SchedulingSettingsPage = page(
  () => import('../features/scheduling/SchedulingSettingsPage'),
  'SchedulingSettingsPage',
);
const PublicEstimatePage = page(
  () => import('../features/estimates/PublicEstimatePage'),
  'PublicEstimatePage',
  loadRepairMessages,
);
const ServiceCatalogPage = page(
  () => import('../features/service-catalog/ServiceCatalogPage'),
  'ServiceCatalogPage',
);
const InvoicesPage = page(() => import('../features/billing/InvoicesPage'), 'InvoicesPage');
const InvoicePage = page(() => import('../features/billing/InvoicePage'), 'InvoicePage');
const CashRegisterPage = page(() => import('../features/billing/CashRegisterPage'), 'CashRegisterPage');
const ReceivablesPage = page(() => import('../features/billing/ReceivablesPage'), 'ReceivablesPage');
// the customer's invoice link: billing's strings are in the service-order part
const PublicInvoicePage = page(
  () => import('../features/billing/PublicInvoicePage'),
  'PublicInvoicePage',
  loadRepairMessages,
);

// communication with customers (issue 14)
const InboxPage = page(() => import('../features/communication/InboxPage'), 'InboxPage');
const MessageTemplatesPage = page(
  () => import('../features/communication/MessageTemplatesPage'),
  'MessageTemplatesPage',
);
const RemindersPage = page(() => import('../features/maintenance/RemindersPage'), 'RemindersPage');
const FeedbackPage = page(() => import('../features/feedback/FeedbackPage'), 'FeedbackPage');
const CampaignsPage = page(() => import('../features/campaigns/CampaignsPage'), 'CampaignsPage');
const TicketsPage = page(() => import('../features/support/TicketsPage'), 'TicketsPage');
const TicketPage = page(() => import('../features/support/TicketPage'), 'TicketPage');
const FaqPage = page(() => import('../features/support/FaqPage'), 'FaqPage');
// the customer's feedback link and a campaign's unsubscribe link: no login
const PublicFeedbackPage = page(
  () => import('../features/feedback/PublicFeedbackPage'),
  'PublicFeedbackPage',
  loadRepairMessages,
);
const UnsubscribePage = page(
  () => import('../features/campaigns/UnsubscribePage'),
  'UnsubscribePage',
  loadRepairMessages,
);

// the customer's portal (issue 15 §3): its sign-up pages need no login; its strings are in the
// service-order part, whose status words it shows
const PortalRegisterPage = page(
  () => import('../features/portal/PortalRegisterPage'),
  'PortalRegisterPage',
  loadRepairMessages,
);
const PortalVerifyPage = page(
  () => import('../features/portal/PortalVerifyPage'),
  'PortalVerifyPage',
  loadRepairMessages,
);
const PortalInvitationPage = page(
  () => import('../features/portal/PortalInvitationPage'),
  'PortalInvitationPage',
  loadRepairMessages,
);
const PortalShell = page(() => import('../features/portal/PortalShell'), 'PortalShell', loadRepairMessages);
const PortalOrdersPage = page(() => import('../features/portal/PortalOrdersPage'), 'PortalOrdersPage');
const PortalOrderPage = page(() => import('../features/portal/PortalOrderPage'), 'PortalOrderPage');
const PortalAssetsPage = page(() => import('../features/portal/PortalAssetsPage'), 'PortalAssetsPage');
const PortalAssetPage = page(() => import('../features/portal/PortalAssetPage'), 'PortalAssetPage');
const PortalAccountPage = page(() => import('../features/portal/PortalAccountPage'), 'PortalAccountPage');
const PortalHelpPage = page(() => import('../features/portal/PortalHelpPage'), 'PortalHelpPage');
const PortalBookPage = page(() => import('../features/portal/PortalBookPage'), 'PortalBookPage');

function Public({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

/** The sign-in pages inside the router (a visitor the app signed out), moving with it. */
function AuthPage({ children }: { children: ReactNode }) {
  const { search } = useLocation();
  const navigate = useNavigate();
  const navigation = useMemo<AuthNavigation>(
    () => ({ search, navigate: (to, options) => void navigate(to, options) }),
    [search, navigate],
  );
  return (
    <AuthNavigationProvider value={navigation}>
      <Public>{children}</Public>
    </AuthNavigationProvider>
  );
}

function guarded(permission: Permission, Page: LazyPage) {
  return {
    element: (
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    ),
    handle: { preload: Page.preload } satisfies RouteHandle,
  };
}

const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <RedirectIfSignedIn>
        <AuthPage>
          <LoginPage />
        </AuthPage>
      </RedirectIfSignedIn>
    ),
    handle: { preload: LoginPage.preload, signedIn: false } satisfies RouteHandle,
  },
  {
    path: '/forgot-password',
    element: (
      <AuthPage>
        <ForgotPasswordPage />
      </AuthPage>
    ),
    handle: { preload: ForgotPasswordPage.preload } satisfies RouteHandle,
  },
  {
    path: '/reset-password',
    element: (
      <AuthPage>
        <ResetPasswordPage />
      </AuthPage>
    ),
    handle: { preload: ResetPasswordPage.preload } satisfies RouteHandle,
  },
  // the customer's estimate link: no login
  {
    path: '/estimate/:token',
    element: (
      <Public>
        <PublicEstimatePage />
      </Public>
    ),
    handle: { preload: PublicEstimatePage.preload } satisfies RouteHandle,
  },
  // the customer's invoice link (see and pay by Pix): no login
  {
    path: '/pay/:token',
    element: (
      <Public>
        <PublicInvoicePage />
      </Public>
    ),
    handle: { preload: PublicInvoicePage.preload } satisfies RouteHandle,
  },
  // the customer's feedback link (issue 14 §5): no login
  {
    path: '/feedback/:token',
    element: (
      <Public>
        <PublicFeedbackPage />
      </Public>
    ),
    handle: { preload: PublicFeedbackPage.preload } satisfies RouteHandle,
  },
  // a campaign message's unsubscribe link (issue 14 §6): no login
  {
    path: '/unsubscribe/:token',
    element: (
      <Public>
        <UnsubscribePage />
      </Public>
    ),
    handle: { preload: UnsubscribePage.preload } satisfies RouteHandle,
  },
  // the shop's privacy policy (LGPD): no login
  {
    path: '/privacy',
    element: (
      <Public>
        <PublicPolicyPage />
      </Public>
    ),
    handle: { preload: PublicPolicyPage.preload } satisfies RouteHandle,
  },
  // the customer's portal: registration, the e-mailed links, then the signed-in customer's pages
  {
    path: '/portal/register',
    element: (
      <RedirectIfSignedIn>
        <AuthPage>
          <PortalRegisterPage />
        </AuthPage>
      </RedirectIfSignedIn>
    ),
    handle: { preload: PortalRegisterPage.preload, signedIn: false } satisfies RouteHandle,
  },
  {
    path: '/portal/verify',
    element: (
      <AuthPage>
        <PortalVerifyPage />
      </AuthPage>
    ),
    handle: { preload: PortalVerifyPage.preload } satisfies RouteHandle,
  },
  {
    path: '/portal/invitation',
    element: (
      <AuthPage>
        <PortalInvitationPage />
      </AuthPage>
    ),
    handle: { preload: PortalInvitationPage.preload } satisfies RouteHandle,
  },
  {
    path: '/portal',
    element: <RequireAuth />,
    handle: { signedIn: true } satisfies RouteHandle,
    children: [
      {
        element: (
          <Public>
            <PortalShell />
          </Public>
        ),
        handle: { preload: PortalShell.preload } satisfies RouteHandle,
        children: [
          { index: true, ...preloaded(PortalOrdersPage) },
          { path: 'orders/:id', ...preloaded(PortalOrderPage) },
          { path: 'assets', ...preloaded(PortalAssetsPage) },
          { path: 'assets/:id', ...preloaded(PortalAssetPage) },
          { path: 'account', ...preloaded(PortalAccountPage) },
          { path: 'help', ...preloaded(PortalHelpPage) },
          { path: 'book', ...preloaded(PortalBookPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
  {
    element: <RequireAuth />,
    handle: { signedIn: true } satisfies RouteHandle,
    children: [
      {
        // a CUSTOMER login is sent to the portal
        element: (
          <StaffOnly>
            <Public>
              <Shell />
            </Public>
          </StaffOnly>
        ),
        handle: { preload: Shell.preload } satisfies RouteHandle,
        children: [
          { index: true, ...preloaded(HomePage) },
          { path: 'repairs', ...guarded('repairs:read', RepairsBoardPage) },
          { path: 'repairs/list', ...guarded('repairs:read', RepairsListPage) },
          { path: 'repairs/new', ...guarded('repairs:create', RepairCreatePage) },
          { path: 'repairs/:id', ...guarded('repairs:read', RepairPage) },
          { path: 'my-jobs', ...guarded('repairs:transition', MyJobsPage) },
          { path: 'calendar', ...guarded('appointments:read', CalendarPage) },
          { path: 'calendar/settings', ...guarded('bays:manage', SchedulingSettingsPage) },
          { path: 'service-catalog', ...guarded('repairs:read', ServiceCatalogPage) },
          { path: 'customers', ...guarded('customers:read', CustomersPage) },
          { path: 'customers/new', ...guarded('customers:write', CustomerCreatePage) },
          { path: 'customers/:id', ...guarded('customers:read', CustomerPage) },
          // the QR label encodes this address
          { path: 'assets/:id', ...guarded('assets:read', AssetPage) },
          { path: 'assets/:id/label', ...guarded('assets:read', AssetLabelPage) },
          { path: 'inventory', ...guarded('components:read', ComponentsPage) },
          { path: 'inventory/:id', ...guarded('components:read', ComponentPage) },
          { path: 'purchase-orders', ...guarded('purchase-orders:read', PurchaseOrdersPage) },
          { path: 'purchase-orders/:id', ...guarded('purchase-orders:read', PurchaseOrderPage) },
          { path: 'suppliers', ...guarded('suppliers:read', SuppliersPage) },
          { path: 'suppliers/:id', ...guarded('suppliers:read', SupplierPage) },
          { path: 'tools', ...guarded('tools:read', ToolsPage) },
          { path: 'users', ...guarded('users:read', UsersPage) },
          { path: 'organization', ...guarded('organization:read', OrganizationPage) },
          { path: 'permissions', ...guarded('permissions:manage', PermissionsPage) },
          { path: 'audit', ...guarded('audit:read', AuditPage) },
          { path: 'outbox', ...guarded('outbox:read', OutboxPage) },
          { path: 'message-templates', ...guarded('templates:manage', MessageTemplatesPage) },
          { path: 'inbox', ...guarded('messages:read', InboxPage) },
          { path: 'inbox/:id', ...guarded('messages:read', InboxPage) },
          { path: 'maintenance-reminders', ...guarded('assets:read', RemindersPage) },
          { path: 'feedback', ...guarded('feedback:read', FeedbackPage) },
          { path: 'campaigns', ...guarded('campaigns:manage', CampaignsPage) },
          { path: 'tickets', ...guarded('tickets:read', TicketsPage) },
          { path: 'tickets/:id', ...guarded('tickets:read', TicketPage) },
          { path: 'faq', ...guarded('faq:read', FaqPage) },
          { path: 'backups', ...guarded('backups:manage', BackupsPage) },
          { path: 'lgpd', ...guarded('privacy:manage', PrivacyPage) },
          { path: 'invoices', ...guarded('invoices:read', InvoicesPage) },
          { path: 'invoices/:id', ...guarded('invoices:read', InvoicePage) },
          { path: 'cash', ...guarded('cash:manage', CashRegisterPage) },
          { path: 'receivables', ...guarded('invoices:read', ReceivablesPage) },
          { path: 'account', ...preloaded(AccountPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

let router: ReturnType<typeof createBrowserRouter> | undefined;

/**
 * The app's router, made on first use: it reads the address when it is made, and the sign-in page
 * (AuthApp) may load this module before the visitor has moved on from it.
 */
export function appRouter(): ReturnType<typeof createBrowserRouter> {
  router ??= createBrowserRouter(routes);
  return router;
}

/**
 * Starts fetching the code of every page the address will show (the signed-in frame and the page in it)
 * while the app is still starting, instead of one after the other as each renders: the first screen no
 * longer waits for a chain of lazy chunks. Pages the visitor would be sent away from are left out.
 * Settles once all of it is in: start.tsx renders then, so that the frame and its page appear together
 * (see `settled`).
 */
export function preloadRoute(pathname: string, signedIn: boolean): Promise<void> {
  const matches = matchRoutes(routes, pathname) ?? [];
  const handles = matches.map((match) => match.route.handle as RouteHandle | undefined);
  if (handles.some((handle) => handle?.signedIn !== undefined && handle.signedIn !== signedIn)) {
    return Promise.resolve();
  }
  return Promise.all(handles.map((handle) => handle?.preload?.())).then(() => undefined);
}
