import { createServer } from 'node:http';
import { startFakeWhatsApp } from '../apps/server/src/modules/communication/channels/fake-whatsapp.js';
import { E2E_WHATSAPP } from './support.js';

/**
 * The browser journeys' WhatsApp Cloud API: the same local fake the integration tests use, on a fixed
 * port the server is configured with, plus a loopback page listing what it received
 * (`GET /requests`), so a journey can check the template message went out.
 */
const fake = await startFakeWhatsApp({
  port: E2E_WHATSAPP.graphPort,
  accessToken: E2E_WHATSAPP.accessToken,
  phoneNumberId: E2E_WHATSAPP.phoneNumberId,
});
const inspector = createServer((req, res) => {
  if (req.url === '/health') return res.writeHead(200).end('ok');
  if (req.url === '/requests') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(fake.requests.map((r) => ({ path: r.path, body: r.body }))));
  }
  res.writeHead(404).end();
});
inspector.listen(E2E_WHATSAPP.inspectorPort, '127.0.0.1');
const stop = () => {
  inspector.close();
  void fake.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
