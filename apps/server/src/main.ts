import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { EmbeddedStartError } from './db/embedded.js';
import { DataDirLockedError } from './platform/lock.js';
import { bootstrap, type Runtime, registerJobHandlers, startRuntime } from './runtime.js';

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime: Runtime = await startRuntime(config, { worker: config.jobWorker, log });
  const app = await buildApp(runtime.deps);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: stopping HTTP server, job worker and database…`);
    const force = setTimeout(() => {
      console.error('Shutdown took longer than 20 s; exiting.');
      process.exit(1);
    }, 20_000);
    force.unref();
    await app.close().catch((error: unknown) => console.error(error));
    await runtime.stop();
    log('Stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    await bootstrap(runtime.services, config, log);
    if (config.jobWorker) await registerJobHandlers(runtime.jobs, runtime.services);
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close().catch(() => {});
    await runtime.stop();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`Bancada is running: http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)`);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof EmbeddedStartError
  ) {
    console.error(error.message);
  } else {
    console.error('Bancada could not start:', error);
  }
  process.exit(1);
});
