import { loadConfig } from './config.js';
import { verifyAuditChain } from './platform/audit.js';
import { bootstrap, startRuntime } from './runtime.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  verify-audit     check the audit log's hash chain; exit 1 at the first broken link
  help             this text

The CLI uses the same configuration as the server (DATA_DIR or DATABASE_URL). With the embedded
database it must run while the server is stopped (one process per data folder).`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = { ...loadConfig(), logLevel: 'silent' };
  const runtime = await startRuntime(config, { worker: false, log: (line) => console.error(line) });
  try {
    switch (command) {
      case 'verify-audit': {
        const result = await verifyAuditChain(runtime.deps.db);
        if (result.firstBreak) {
          const { id, organizationId, reason } = result.firstBreak;
          console.log(
            `Audit chain BROKEN at row ${id} (organization ${organizationId}): ${
              reason === 'hash_mismatch' ? 'the row was altered' : 'a row before it was removed or inserted'
            }. ${result.rowsChecked} rows checked.`,
          );
          return 1;
        }
        console.log(`Audit chain intact: ${result.rowsChecked} rows checked.`);
        return 0;
      }
      case 'bootstrap':
        await bootstrap(runtime.services, config, (line) => console.log(line));
        return 0;
      default:
        console.error(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await runtime.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
