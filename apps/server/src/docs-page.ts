import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';

export const DOCS_PATH = '/docs';

/**
 * The assets the page loads, served from the swagger-ui-dist package installed with the app:
 * the docs work with no internet (no CDN). Only these files, by name.
 */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'favicon-32x32.png': 'image/png',
};

/**
 * Swagger UI over `/openapi.json`: the validator badge is off (it would call an outside
 * service) and the page's own script is a file, not inline, so a strict Content-Security-Policy
 * (`script-src 'self'`) can be set in front of it.
 */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#docs',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loan-servicing ledger API</title>
<link rel="stylesheet" href="${DOCS_PATH}/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_PATH}/assets/favicon-32x32.png">
</head>
<body>
<div id="docs"></div>
<noscript>The machine-readable description is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<script src="${DOCS_PATH}/assets/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

/** `/docs`: the API browsable, from assets this app serves itself. */
export function createDocsRouter(): Router {
  const assetsDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const router = Router();
  router.get(DOCS_PATH, (_req, res) => void res.type('html').send(PAGE));
  router.get(`${DOCS_PATH}/init.js`, (_req, res) => void res.type('text/javascript').send(INIT_SCRIPT));
  router.get(`${DOCS_PATH}/assets/:file`, (req, res, next) => {
    const type = ASSETS[req.params.file];
    if (!type) return next();
    res.type(type).sendFile(join(assetsDir, req.params.file), { maxAge: '1d' });
  });
  return router;
}
