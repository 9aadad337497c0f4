/**
 * Loaded into the server process by bench/http.ts (`node --import tsx --import ./bench/http-sql-capture.ts
 * apps/server/src/main.ts`), so the app itself stays untouched. While the parent says so over the IPC
 * channel, every statement the app's own pool sends (application_name `bancada`; pg-boss's are
 * `bancada-jobs`) is recorded: text, prepared statement name, parameters, row mode, which connection, when it started and ended,
 * and its result (row count, column names, the first rows). Every query of drizzle and of the pool ends
 * in `pg.Client.prototype.query`, BEGIN/COMMIT included.
 */
import pg from 'pg';

export type CapturedStatement = {
  /** the connection it ran on (numbered in order of first use) */
  client: number;
  /** the prepared statement's name, when the app sent it as one (parsed once per connection) */
  name: string | undefined;
  text: string;
  values: unknown[];
  rowMode: 'array' | undefined;
  /** ms, performance.now() of the server process */
  start: number;
  end: number;
  rowCount: number | null;
  fields: string[];
  /** the first rows, each as an array in `fields` order */
  rows: unknown[][];
  error: string | undefined;
};

export type CaptureMessage = { benchCapture: 'start' | 'stop' };
export type CapturedMessage = { benchCaptured?: CapturedStatement[]; benchCaptureStarted?: true };

const MAX_ROWS = 200;
const APP_NAME = 'bancada';

let capturing = false;
let statements: CapturedStatement[] = [];
let pending = 0;
const clientIds = new WeakMap<object, number>();
let nextClientId = 1;

type Result = { rowCount: number | null; fields?: { name: string }[]; rows: unknown[] };
type QueryFn = (...args: unknown[]) => unknown;

function record(entry: CapturedStatement, error: unknown, result: Result | undefined) {
  entry.end = performance.now();
  pending--;
  if (error) {
    entry.error = error instanceof Error ? error.message : String(error);
    return;
  }
  if (!result) return;
  entry.rowCount = result.rowCount;
  entry.fields = (result.fields ?? []).map((f) => f.name);
  entry.rows = result.rows
    .slice(0, MAX_ROWS)
    .map((row) => (Array.isArray(row) ? row : entry.fields.map((f) => (row as Record<string, unknown>)[f])));
}

const original = pg.Client.prototype.query as unknown as QueryFn;
(pg.Client.prototype as unknown as { query: QueryFn }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const params = (this as unknown as { connectionParameters?: { application_name?: string } })
    .connectionParameters;
  const [config, second, third] = args;
  const text =
    typeof config === 'string' ? config : (config as { text?: string; submit?: unknown } | null)?.text;
  if (
    !capturing ||
    params?.application_name !== APP_NAME ||
    !text ||
    typeof (config as { submit?: unknown } | null)?.submit === 'function'
  ) {
    return original.apply(this, args);
  }
  let id = clientIds.get(this);
  if (id === undefined) {
    id = nextClientId++;
    clientIds.set(this, id);
  }
  const values = Array.isArray(second) ? second : ((config as { values?: unknown[] } | null)?.values ?? []);
  const rowMode = (config as { rowMode?: string } | null)?.rowMode === 'array' ? 'array' : undefined;
  const name = (config as { name?: unknown } | null)?.name;
  const entry: CapturedStatement = {
    client: id,
    name: typeof name === 'string' && name ? name : undefined,
    text,
    values: [...values],
    rowMode,
    start: performance.now(),
    end: 0,
    rowCount: null,
    fields: [],
    rows: [],
    error: undefined,
  };
  statements.push(entry);
  pending++;
  const callbackAt = typeof second === 'function' ? 1 : typeof third === 'function' ? 2 : -1;
  if (callbackAt >= 0) {
    const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
    const wrapped = [...args];
    wrapped[callbackAt] = (error: unknown, result: unknown) => {
      record(entry, error, result as Result | undefined);
      callback(error, result);
    };
    return original.apply(this, wrapped);
  }
  const promise = original.apply(this, args) as Promise<Result>;
  promise.then(
    (result) => record(entry, null, result),
    (error: unknown) => record(entry, error, undefined),
  );
  return promise;
};

if (process.send) {
  process.on('message', (message: CaptureMessage) => {
    if (message?.benchCapture === 'start') {
      statements = [];
      capturing = true;
      process.send?.({ benchCaptureStarted: true } satisfies CapturedMessage);
    } else if (message?.benchCapture === 'stop') {
      capturing = false;
      const send = () => {
        if (pending > 0) {
          setTimeout(send, 5);
          return;
        }
        process.send?.({ benchCaptured: statements } satisfies CapturedMessage);
        statements = [];
      };
      send();
    }
  });
  // the channel must not keep the server alive once it is told to stop
  process.channel?.unref();
}
