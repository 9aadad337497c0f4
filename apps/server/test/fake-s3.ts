import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible server for tests (path-style addresses, one bucket): PutObject, GetObject,
 * HeadObject, DeleteObject, ListObjectsV2 (with pages), and the multipart calls (create, upload part,
 * complete, abort). It checks that a request is signed with the expected access key id, not the
 * signature itself. Objects live in memory.
 */
export type FakeS3 = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; modified: Date }>;
  /** every request, as "METHOD /path?query" */
  requests: string[];
  /** when set, every request fails with this status (an unreachable or broken bucket) */
  failWith: number | null;
  close: () => Promise<void>;
};

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const etag = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendXml(response: ServerResponse, status: number, xml: string): void {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  response.writeHead(status, { 'content-type': 'application/xml', 'content-length': body.length });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendXml(response, status, `<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`);
}

export async function startFakeS3(options: { pageSize?: number } = {}): Promise<FakeS3> {
  const bucket = 'bancada-test';
  const accessKeyId = 'FAKEACCESSKEY';
  const objects = new Map<string, { body: Buffer; modified: Date }>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const requests: string[] = [];
  const pageSize = options.pageSize ?? 1000;
  const state = { failWith: null as number | null };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (state.failWith) return sendError(response, state.failWith, 'InternalError', 'failing on purpose');
    const auth = request.headers.authorization ?? '';
    if (!auth.includes(`Credential=${accessKeyId}/`)) {
      return sendError(response, 403, 'InvalidAccessKeyId', 'unknown access key');
    }
    const [, bucketName, ...rest] = url.pathname.split('/');
    if (bucketName !== bucket) return sendError(response, 404, 'NoSuchBucket', 'no such bucket');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;

    if (!key && request.method === 'GET' && q.get('list-type') === '2') {
      const prefix = q.get('prefix') ?? '';
      const after = q.get('continuation-token') ?? q.get('start-after') ?? '';
      const max = Math.min(Number(q.get('max-keys') ?? pageSize), pageSize);
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
      const page = keys.slice(0, max);
      const truncated = keys.length > page.length;
      const contents = page
        .map((k) => {
          const o = objects.get(k)!;
          return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${o.modified.toISOString()}</LastModified><ETag>${xmlEscape(etag(o.body))}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
        })
        .join('');
      return sendXml(
        response,
        200,
        `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${xmlEscape(page.at(-1)!)}</NextContinuationToken>` : ''}</ListBucketResult>`,
      );
    }
    if (!key) return sendError(response, 400, 'InvalidRequest', 'no key');

    switch (request.method) {
      case 'PUT': {
        const body = await readBody(request);
        const uploadId = q.get('uploadId');
        if (uploadId) {
          const upload = uploads.get(uploadId);
          if (!upload) return sendError(response, 404, 'NoSuchUpload', 'no such upload');
          upload.parts.set(Number(q.get('partNumber')), body);
          response.writeHead(200, { etag: etag(body), 'content-length': 0 });
          return response.end();
        }
        objects.set(key, { body, modified: new Date() });
        response.writeHead(200, { etag: etag(body), 'content-length': 0 });
        return response.end();
      }
      case 'POST': {
        const body = await readBody(request);
        if (q.has('uploads')) {
          const uploadId = randomUUID();
          uploads.set(uploadId, { key, parts: new Map() });
          return sendXml(
            response,
            200,
            `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
          );
        }
        const uploadId = q.get('uploadId');
        const upload = uploadId ? uploads.get(uploadId) : undefined;
        if (!upload) return sendError(response, 404, 'NoSuchUpload', 'no such upload');
        const numbers = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) =>
          Number(m[1]),
        );
        const parts = numbers.map((n) => upload.parts.get(n));
        if (parts.some((p) => !p)) return sendError(response, 400, 'InvalidPart', 'missing part');
        const whole = Buffer.concat(parts as Buffer[]);
        objects.set(upload.key, { body: whole, modified: new Date() });
        uploads.delete(uploadId!);
        return sendXml(
          response,
          200,
          `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(etag(whole))}</ETag></CompleteMultipartUploadResult>`,
        );
      }
      case 'GET':
      case 'HEAD': {
        const object = objects.get(key);
        if (!object) {
          if (request.method === 'HEAD') {
            response.writeHead(404);
            return response.end();
          }
          return sendError(response, 404, 'NoSuchKey', 'The specified key does not exist.');
        }
        response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': object.body.length,
          etag: etag(object.body),
          'last-modified': object.modified.toUTCString(),
        });
        return response.end(request.method === 'HEAD' ? undefined : object.body);
      }
      case 'DELETE': {
        const uploadId = q.get('uploadId');
        if (uploadId) uploads.delete(uploadId);
        else objects.delete(key);
        response.writeHead(204);
        return response.end();
      }
      default:
        return sendError(response, 405, 'MethodNotAllowed', 'method not allowed');
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'InternalError', String(error));
      else response.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const fake: FakeS3 = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey: 'fake-secret-access-key',
    objects,
    requests,
    get failWith() {
      return state.failWith;
    },
    set failWith(value) {
      state.failWith = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
