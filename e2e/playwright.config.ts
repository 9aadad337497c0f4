import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

import { ADMIN as E2E_ADMIN, E2E_WHATSAPP, PIX_WEBHOOK_SECRET } from './support.js';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const DATA_DIR = process.env.E2E_DATA_DIR ?? path.resolve(import.meta.dirname, '../.tmp/e2e-data');

// Debian's chromium, never a downloaded browser; flags keep it off the network
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  outputDir: path.resolve(import.meta.dirname, '../.tmp/e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromium,
    trace: 'retain-on-failure',
    locale: 'pt-BR',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: [
        '**/accessibility.spec.ts',
        '**/billing.spec.ts',
        '**/communication.spec.ts',
        '**/portal.spec.ts',
        '**/scheduling.spec.ts',
      ],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      // the scan adds a customer and an order of its own, so it runs after the journeys, which
      // start from an empty shop; on its own: `playwright test --no-deps e2e/accessibility.spec.ts`
      name: 'accessibility',
      testMatch: '**/accessibility.spec.ts',
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      // billing adds customers, parts, orders and invoices of its own: after the journeys too;
      // on its own: `playwright test --no-deps e2e/billing.spec.ts`
      name: 'billing',
      testMatch: '**/billing.spec.ts',
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      // communication (issue 14) finishes an order, invoices it and messages its customer: last, after
      // the journeys that count customers, orders or invoices; on its own: `--no-deps e2e/communication.spec.ts`
      name: 'communication',
      testMatch: '**/communication.spec.ts',
      dependencies: ['billing', 'accessibility'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      // the customer portal (issue 15 §3) registers a customer and opens an order of its own: after
      // communication; on its own: `playwright test --no-deps e2e/portal.spec.ts`
      name: 'portal',
      testMatch: '**/portal.spec.ts',
      dependencies: ['communication'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      // the shop's calendar (issue 15 §1) adds technicians, a bay, a customer and appointments, and
      // opens an order on arrival: after communication; on its own: `--no-deps e2e/scheduling.spec.ts`
      name: 'scheduling',
      testMatch: '**/scheduling.spec.ts',
      dependencies: ['communication'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
  ],
  webServer: [
    {
      // the WhatsApp Cloud API the server sends to (issue 14): a local fake, started first
      command: 'npx tsx e2e/fake-whatsapp-server.ts',
      cwd: path.resolve(import.meta.dirname, '..'),
      url: `http://127.0.0.1:${E2E_WHATSAPP.inspectorPort}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      // a fresh embedded database for every run
      command: `rm -rf "${DATA_DIR}" && node apps/server/dist/main.js`,
      cwd: path.resolve(import.meta.dirname, '..'),
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR,
        EMBEDDED_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54399)),
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        // the billing journey posts the PSP's Pix callback with it
        PIX_WEBHOOK_SECRET,
        // WhatsApp through the local fake (issue 14's journey)
        WHATSAPP_API_URL: `http://127.0.0.1:${E2E_WHATSAPP.graphPort}`,
        WHATSAPP_PHONE_NUMBER_ID: E2E_WHATSAPP.phoneNumberId,
        WHATSAPP_ACCESS_TOKEN: E2E_WHATSAPP.accessToken,
        WHATSAPP_APP_SECRET: E2E_WHATSAPP.appSecret,
        WHATSAPP_VERIFY_TOKEN: E2E_WHATSAPP.verifyToken,
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
