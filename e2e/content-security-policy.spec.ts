import { expect, type Page, test } from '@playwright/test';
import { ADMIN, nav, setLanguage, signIn } from './support.js';

/**
 * The Content-Security-Policy the server sends (apps/server/src/app.ts, issue 13 §4) in a real
 * browser: the SPA, its live socket and Swagger UI work under it, and the browser reports no
 * violation on the way.
 */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply|frame)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

test.describe('the Content-Security-Policy in a real browser', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the app and its live socket work with no violation', async ({ page }) => {
    const violations = watchViolations(page);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await setLanguage(page, 'pt-BR');
    const login = await page.goto('/login');
    const csp = login!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(login!.headers()['x-content-type-options']).toBe('nosniff');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');

    // the board opens its live socket
    await nav(page, 'pt-BR').getByRole('link', { name: 'Ordens de serviço', exact: true }).click();
    await expect.poll(() => sockets.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.goto('/customers');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('Swagger UI renders the API document under the same policy', async ({ page }) => {
    const violations = watchViolations(page);
    const docs = await page.goto('/api/docs');
    expect(docs!.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.locator('.swagger-ui .opblock').first()).toBeVisible({ timeout: 20_000 });
    // Swagger UI renders the tags as the page scrolls: the later ones appear too
    await page.mouse.wheel(0, 4000);
    await expect.poll(() => page.locator('.swagger-ui .opblock-tag').count()).toBeGreaterThan(1);
    // an operation opens and shows its schema (Swagger UI's own scripts and styles at work)
    await page.locator('.swagger-ui .opblock-summary').first().click();
    await expect(page.locator('.swagger-ui .opblock-body').first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
