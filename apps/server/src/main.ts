import { buildApp } from './app.js';
import { type Config, loadConfig } from './config.js';
import { bootstrap, type Runtime, registerJobHandlers, startRuntime } from './runtime.js';
import { explainStartupError, startupStep } from './startup.js';

const log = (line: string) => console.log(line);

async function main(config: Config): Promise<void> {
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
  // without its database the server only fails: exit non-zero so that a supervisor restarts it
  runtime.onDatabaseLost((message) => {
    if (stopping) return;
    stopping = true;
    console.error(message);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    void (async () => {
      await app.close().catch(() => {});
      await runtime.stop().catch(() => {});
      process.exit(1);
    })();
  });

  try {
    await bootstrap(runtime.services, config, log);
    if (config.jobWorker) await registerJobHandlers(runtime.jobs, runtime.services);
    await startupStep({ step: 'http', host: config.host, port: config.port }, () =>
      app.listen({ host: config.host, port: config.port }),
    );
  } catch (error) {
    await app.close().catch(() => {});
    await runtime.stop();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`Bancada is running: http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)`);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(explainStartupError(error, { step: 'other' }));
  process.exit(1);
}
main(config).catch((error: unknown) => {
  console.error(explainStartupError(error, { step: 'other' }));
  process.exit(1);
});
