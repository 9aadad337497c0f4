import type { Permission } from '@bancada/shared';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from './components/StatusPages';
import { RedirectIfSignedIn, RequireAuth, RequirePermission } from './guards';
import { loadRepairMessages } from './i18n';

/** Loads a page's code when it is first visited (React.lazy wants a default export). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** A page that shows service orders also waits for their strings (a part of each language of its own). */
function withRepairMessages<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => (await Promise.all([load(), loadRepairMessages()]))[0];
}

// the signed-in frame (navigation, search, menus) is not needed by the public pages
const Shell = page(
  withRepairMessages(() => import('./Shell')),
  'Shell',
);
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
  withRepairMessages(() => import('../features/estimates/PublicEstimatePage')),
  'PublicEstimatePage',
);
const ServiceCatalogPage = page(
  () => import('../features/service-catalog/ServiceCatalogPage'),
  'ServiceCatalogPage',
);

function Public({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

function guarded(permission: Permission, Page: ComponentType) {
  return (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  );
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
  },
  {
    path: '/forgot-password',
    element: (
      <Public>
        <ForgotPasswordPage />
      </Public>
    ),
  },
  {
    path: '/reset-password',
    element: (
      <Public>
        <ResetPasswordPage />
      </Public>
    ),
  },
  // the customer's estimate link: no login
  {
    path: '/estimate/:token',
    element: (
      <Public>
        <PublicEstimatePage />
      </Public>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: (
          <Public>
            <Shell />
          </Public>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: 'repairs', element: guarded('repairs:read', RepairsBoardPage) },
          { path: 'repairs/list', element: guarded('repairs:read', RepairsListPage) },
          { path: 'repairs/new', element: guarded('repairs:create', RepairCreatePage) },
          { path: 'repairs/:id', element: guarded('repairs:read', RepairPage) },
          { path: 'my-jobs', element: guarded('repairs:transition', MyJobsPage) },
          { path: 'service-catalog', element: guarded('repairs:read', ServiceCatalogPage) },
          { path: 'customers', element: guarded('customers:read', CustomersPage) },
          { path: 'customers/new', element: guarded('customers:write', CustomerCreatePage) },
          { path: 'customers/:id', element: guarded('customers:read', CustomerPage) },
          // the QR label encodes this address
          { path: 'assets/:id', element: guarded('assets:read', AssetPage) },
          { path: 'assets/:id/label', element: guarded('assets:read', AssetLabelPage) },
          { path: 'inventory', element: guarded('components:read', ComponentsPage) },
          { path: 'inventory/:id', element: guarded('components:read', ComponentPage) },
          { path: 'purchase-orders', element: guarded('purchase-orders:read', PurchaseOrdersPage) },
          { path: 'purchase-orders/:id', element: guarded('purchase-orders:read', PurchaseOrderPage) },
          { path: 'suppliers', element: guarded('suppliers:read', SuppliersPage) },
          { path: 'suppliers/:id', element: guarded('suppliers:read', SupplierPage) },
          { path: 'tools', element: guarded('tools:read', ToolsPage) },
          { path: 'users', element: guarded('users:read', UsersPage) },
          { path: 'organization', element: guarded('organization:read', OrganizationPage) },
          { path: 'permissions', element: guarded('permissions:manage', PermissionsPage) },
          { path: 'audit', element: guarded('audit:read', AuditPage) },
          { path: 'outbox', element: guarded('outbox:read', OutboxPage) },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
