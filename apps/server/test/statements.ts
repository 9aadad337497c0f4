import pg from 'pg';
import type { TestApp } from './helpers.js';

/** Every statement the app's pool sends while `work` runs (pg-boss and the live listener have their own). */
export async function statementsOf(t: TestApp, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  // pg-pool keeps its connections in `_clients`: count only those
  const ours = (client: pg.Client) =>
    (t.deps.pool as unknown as { _clients: pg.Client[] })._clients.includes(client);
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; only its first argument is read
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const first = args[0];
    if (ours(this)) seen.push(typeof first === 'string' ? first : (first?.text ?? String(first)));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}
