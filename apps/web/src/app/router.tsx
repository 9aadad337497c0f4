import type { Permission } from '@bancada/shared';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, matchRoutes } from 'react-router';
import { NotFoundPage } from './components/StatusPages';
import { RedirectIfSignedIn, RequireAuth, RequirePermission } from './guards';
import { i18nReady, loadRepairMessages } from './i18n';

type LazyPage = ReturnType<typeof lazy<ComponentType>> & {
  /** starts fetching the page's code (and its strings once the language is known) before it renders */
  preload: () => void;
};

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
  const Page = lazy(async () => ({ default: (await Promise.all([loadCode(), messages?.()]))[0] }));
  return Object.assign(Page, {
    preload: () => {
      loadCode().catch(() => undefined);
      // the strings come in the current language, known once i18n has started
      if (messages) i18nReady.then(messages).catch(() => undefined);
    },
  });
}

/** What a route's `handle` says about loading ahead (see preloadRoute). */
interface RouteHandle {
  preload?: () => void;
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
const PublicEstimatePage = page(
  () => import('../features/estimates/PublicEstimatePage'),
  'PublicEstimatePage',
  loadRepairMessages,
);
const ServiceCatalogPage = page(
  () => import('../features/service-catalog/ServiceCatalogPage'),
  'ServiceCatalogPage',
);

function Public({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
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

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <RedirectIfSignedIn>
        <Public>
          <LoginPage />
        </Public>
      </RedirectIfSignedIn>
    ),
    handle: { preload: LoginPage.preload, signedIn: false } satisfies RouteHandle,
  },
  {
    path: '/forgot-password',
    element: (
      <Public>
        <ForgotPasswordPage />
      </Public>
    ),
    handle: { preload: ForgotPasswordPage.preload } satisfies RouteHandle,
  },
  {
    path: '/reset-password',
    element: (
      <Public>
        <ResetPasswordPage />
      </Public>
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
  {
    element: <RequireAuth />,
    handle: { signedIn: true } satisfies RouteHandle,
    children: [
      {
        element: (
          <Public>
            <Shell />
          </Public>
        ),
        handle: { preload: Shell.preload } satisfies RouteHandle,
        children: [
          { index: true, ...preloaded(HomePage) },
          { path: 'repairs', ...guarded('repairs:read', RepairsBoardPage) },
          { path: 'repairs/list', ...guarded('repairs:read', RepairsListPage) },
          { path: 'repairs/new', ...guarded('repairs:create', RepairCreatePage) },
          { path: 'repairs/:id', ...guarded('repairs:read', RepairPage) },
          { path: 'my-jobs', ...guarded('repairs:transition', MyJobsPage) },
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
          { path: 'account', ...preloaded(AccountPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/**
 * Starts fetching the code of every page the address will show (the signed-in frame and the page in it)
 * while the app is still starting, instead of one after the other as each renders: the first screen no
 * longer waits for a chain of lazy chunks. Pages the visitor would be sent away from are left out.
 */
export function preloadRoute(pathname: string, signedIn: boolean): void {
  const matches = matchRoutes(router.routes, pathname) ?? [];
  const handles = matches.map((match) => match.route.handle as RouteHandle | undefined);
  if (handles.some((handle) => handle?.signedIn !== undefined && handle.signedIn !== signedIn)) return;
  for (const handle of handles) handle?.preload?.();
}
