import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi';
import { mergeServiceDocuments, operationsOf } from './merge-openapi';
import { serviceOpenApiDocuments } from './service-documents';

/**
 * Builds the combined API documentation into a directory the entry point serves as /docs/:
 *
 *   openapi.json              every service's HTTP API, one OpenAPI 3.1 document (merge-openapi.ts)
 *   asyncapi.json             every Kafka topic and event, AsyncAPI 3.0 (asyncapi.ts)
 *   services/<name>.json      each service's own document, as merged (what its /docs-json serves)
 *   index.html + swagger-ui   Swagger UI (swagger-ui-dist) showing openapi.json
 *
 * Usage: node tools/scripts/run-ts.cjs tools/api-docs/build.ts [--out <dir>]   (default dist/api-docs)
 */

const root = resolve(__dirname, '../..');

const SWAGGER_UI_FILES = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
];

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Frontera — API documentation</title>
    <link rel="stylesheet" type="text/css" href="./swagger-ui.css" />
    <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="./favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="./swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="./swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="./swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

// Relative URLs: the page works wherever the directory is served (/docs/ behind the gateway).
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    urls: [{ url: './openapi.json', name: 'Frontera — every service (OpenAPI 3.1)' }],
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

function outDir(argv: readonly string[]): string {
  const at = argv.indexOf('--out');
  return at >= 0 && argv[at + 1] ? resolve(argv[at + 1]) : join(root, 'dist/api-docs');
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function buildApiDocs(dir: string): Promise<{ operations: number; channels: number }> {
  const started = Date.now();
  const services = await serviceOpenApiDocuments();
  const combined = mergeServiceDocuments(services);
  const asyncapi = buildAsyncApiDocument();
  mkdirSync(dir, { recursive: true });
  for (const { service, document } of services) writeJson(join(dir, 'services', `${service}.json`), document);
  writeJson(join(dir, 'openapi.json'), combined);
  writeJson(join(dir, 'asyncapi.json'), asyncapi);
  const ui = dirname(require.resolve('swagger-ui-dist/package.json'));
  for (const file of SWAGGER_UI_FILES) copyFileSync(join(ui, file), join(dir, file));
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'swagger-initializer.js'), INITIALIZER);
  const operations = operationsOf(combined).length;
  const channels = Object.keys(asyncapi['channels'] as object).length;
  process.stdout.write(
    `api-docs: ${operations} operations of ${services.length} services, ${channels} channels, in ` +
      `${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  return { operations, channels };
}

buildApiDocs(outDir(process.argv.slice(2))).catch((error: unknown) => {
  process.stderr.write(`api-docs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
