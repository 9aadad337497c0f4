import { type FaqArticleCreate, FaqArticleListSchema, FaqArticleSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';

let t: TestApp;
let technician: string;
let manager: string;
let attendant: string;
beforeAll(async () => {
  t = await createTestApp();
  technician = (await createUserAndLogin(t, { role: 'TECHNICIAN' })).token;
  manager = (await createUserAndLogin(t, { role: 'MANAGER', name: 'Marta Gerente' })).token;
  attendant = (await createUserAndLogin(t, { role: 'ATTENDANT' })).token;
});
afterAll(() => t.close());

async function write(body: Partial<FaqArticleCreate> = {}, token = manager) {
  const res = await t.request('POST', '/api/faq', {
    token,
    body: { locale: 'pt-BR', title: 'Qual o prazo?', bodyMarkdown: 'Em geral **3 dias**.', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return FaqArticleSchema.parse(res.json());
}

async function list(query = '', token = technician) {
  const res = await t.request('GET', `/api/faq?${query}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return FaqArticleListSchema.parse(res.json()).items;
}

describe('FAQ and tutorial articles', () => {
  it('writes an article with defaults and its author', async () => {
    const article = await write({ category: 'Prazos' });
    expect(article).toMatchObject({
      kind: 'faq',
      locale: 'pt-BR',
      category: 'Prazos',
      title: 'Qual o prazo?',
      bodyMarkdown: 'Em geral **3 dias**.',
      published: false,
      position: 0,
      updatedByName: 'Marta Gerente',
      version: 1,
    });
  });

  it('lists by category and position, filtered by kind, locale, published and text', async () => {
    const tag = `t${Date.now()}`;
    const b = await write({
      category: `${tag} Pagamento`,
      title: 'Aceitam Pix?',
      position: 2,
      published: true,
    });
    const a = await write({ category: `${tag} Pagamento`, title: 'Parcelam?', position: 1 });
    const video = await write({
      kind: 'tutorial',
      locale: 'es',
      category: `${tag} Cuidados`,
      title: 'Cómo revisar el aceite',
      bodyMarkdown: `1. Abra el capó\n2. ${tag}`,
      published: true,
    });

    expect((await list(`q=${tag}`)).map((i) => i.id)).toEqual([video.id, a.id, b.id]);
    expect((await list(`q=${tag}&kind=tutorial`)).map((i) => i.id)).toEqual([video.id]);
    expect((await list(`q=${tag}&locale=pt-BR`)).map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await list(`q=${tag}&published=true`)).map((i) => i.id)).toEqual([video.id, b.id]);
    expect((await list(`q=${tag}&published=false`)).map((i) => i.id)).toEqual([a.id]);
    expect((await list('q=Pix')).map((i) => i.id)).toContain(b.id);
  });

  it('changes an article with If-Match (412 when stale) and deletes it', async () => {
    const article = await write();
    const res = await t.request('PATCH', `/api/faq/${article.id}`, {
      token: t.adminToken,
      body: { published: true, title: 'Qual o prazo de entrega?', category: '' },
      headers: { 'if-match': `"${article.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(FaqArticleSchema.parse(res.json())).toMatchObject({
      published: true,
      title: 'Qual o prazo de entrega?',
      category: null,
      bodyMarkdown: article.bodyMarkdown,
      version: 2,
    });

    const stale = await t.request('PATCH', `/api/faq/${article.id}`, {
      token: t.adminToken,
      body: { position: 3 },
      headers: { 'if-match': `"${article.version}"` },
    });
    expect(stale.statusCode).toBe(412);

    const staleDelete = await t.request('DELETE', `/api/faq/${article.id}`, {
      token: manager,
      headers: { 'if-match': '"1"' },
    });
    expect(staleDelete.statusCode).toBe(412);
    expect((await t.request('DELETE', `/api/faq/${article.id}`, { token: manager })).statusCode).toBe(204);
    expect((await t.request('DELETE', `/api/faq/${article.id}`, { token: manager })).statusCode).toBe(404);
    const gone = await t.request('PATCH', `/api/faq/${article.id}`, {
      token: manager,
      body: { position: 1 },
    });
    expect(gone.statusCode).toBe(404);
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const res = await t.request('POST', '/api/faq', {
      token: manager,
      body: { kind: 'blog', locale: 'fr', title: '', bodyMarkdown: 'x'.repeat(20_001), position: -1 },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details).sort()).toEqual([
      'bodyMarkdown',
      'kind',
      'locale',
      'position',
      'title',
    ]);

    const atLimit = await write({ bodyMarkdown: 'x'.repeat(20_000) });
    expect(atLimit.bodyMarkdown).toHaveLength(20_000);
  });

  it('keeps markdown as text: a script tag is stored as written, for the readers to show inert', async () => {
    const body = 'Veja <script>alert(1)</script> e [isto](javascript:alert(1))';
    const article = await write({ bodyMarkdown: body });
    expect(article.bodyMarkdown).toBe(body);
  });

  it('lets technicians and attendants read but not write, change or delete (403)', async () => {
    const article = await write({ published: true });
    for (const token of [technician, attendant]) {
      expect((await t.request('GET', '/api/faq', { token })).statusCode).toBe(200);
      const create = await t.request('POST', '/api/faq', {
        token,
        body: { locale: 'en', title: 'x', bodyMarkdown: 'y' },
      });
      expect(create.statusCode).toBe(403);
      const change = await t.request('PATCH', `/api/faq/${article.id}`, {
        token,
        body: { published: false },
      });
      expect(change.statusCode).toBe(403);
      expect((await t.request('DELETE', `/api/faq/${article.id}`, { token })).statusCode).toBe(403);
    }
  });

  it('shows a CUSTOMER (the portal) the published articles only, without the editor, and no writing', async () => {
    const published = await write({ title: 'Aceitam Pix?', published: true });
    const draft = await write({ title: 'Rascunho interno sobre descontos', published: false });
    const portal = await customerLogin(t, (await createCustomer(t, { name: 'Leitora do Portal' })).id);
    const staffIds = (await list('', manager)).map((i) => i.id);
    expect(staffIds).toEqual(expect.arrayContaining([published.id, draft.id]));

    // asking for the unpublished ones changes nothing: a customer never sees a draft
    for (const query of ['', 'published=false']) {
      const res = await t.request('GET', `/api/faq?${query}`, { token: portal.token });
      expect(res.statusCode, res.body).toBe(200);
      const items = FaqArticleListSchema.parse(res.json()).items;
      expect(items.map((i) => i.id)).toContain(published.id);
      expect(items.every((i) => i.published)).toBe(true);
      expect(items.every((i) => i.updatedByName === null)).toBe(true);
      expect(res.body).not.toContain('Rascunho interno');
    }
    const create = await t.request('POST', '/api/faq', {
      token: portal.token,
      body: { locale: 'pt-BR', title: 'x', bodyMarkdown: 'y' },
    });
    expect(create.statusCode).toBe(403);
  });

  it('answers 404 for another organization’s article and never lists it', async () => {
    const article = await write({ title: 'Só nossa' });
    const other = await otherOrganization(t);
    const change = await t.request('PATCH', `/api/faq/${article.id}`, {
      token: other.token,
      body: { title: 'roubada' },
    });
    expect(change.statusCode).toBe(404);
    expect((await t.request('DELETE', `/api/faq/${article.id}`, { token: other.token })).statusCode).toBe(
      404,
    );
    expect((await list('', other.token)).map((i) => i.id)).not.toContain(article.id);
  });
});
