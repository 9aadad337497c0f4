// Writes the API document (as /api/openapi.json serves it) without a database or a listening socket:
//   npx tsx scripts/openapi.ts [file]   (default .tmp/openapi.json)
import { writeOpenApiDocument } from '../apps/server/src/openapi.js';

const file = process.argv[2] ?? '.tmp/openapi.json';
await writeOpenApiDocument(file);
console.log(`OpenAPI document written to ${file}`);
