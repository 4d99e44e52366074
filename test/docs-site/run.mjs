// The API docs as a reader sees them: serves the built typedoc site (docs/api) on 127.0.0.1 and opens it in
// headless Chromium. The index renders, every public function of every entry point has a page with its
// signature and its example, and the search box finds parseEvent. Screenshots go to test-output/docs-site/.
// Usage, from the repo root: `npm run test:docs-site` (builds the docs first); DOCS_SITE_DIR=<dir> checks
// a site built elsewhere.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumUnavailable, serve, withChromium } from '../../runtimes/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const site = process.env.DOCS_SITE_DIR ?? join(root, 'docs/api');
const shots = join(root, 'test-output/docs-site');

// Each import path of the package and its built entry. typedoc names the modules after the import paths
// (`@module bwell-webhooks/node`) and a function's page `functions/<module, slugged>.<name>.html`.
const ENTRIES = {
  'bwell-webhooks': 'dist/index.js',
  'bwell-webhooks/node': 'dist/node/index.js',
  'bwell-webhooks/redis': 'dist/redis/index.js',
  'bwell-webhooks/testing': 'dist/testing/index.js',
};
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The page typedoc made for `name` of `module`, relative to the site's functions/ folder, or undefined. */
function pageOf(module, name) {
  const pages = readdirSync(join(site, 'functions')).filter((file) => file.endsWith(`.${name}.html`));
  return pages.find((file) => slug(file.slice(0, -`.${name}.html`.length)) === slug(module));
}

/** The public functions of every entry point of the built package (classes excluded: they get class pages). */
async function publicFunctions() {
  const found = [];
  for (const [module, file] of Object.entries(ENTRIES)) {
    const namespace = await import(join(root, file));
    for (const [name, value] of Object.entries(namespace)) {
      const isClass = typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
      if (typeof value === 'function' && !isClass) found.push({ module, name });
    }
  }
  return found;
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (error) {
    results.push({ name, ok: false, detail: String(error.message).split('\n').slice(0, 3).join(' ') });
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const unavailable = chromiumUnavailable();
  if (unavailable) {
    console.log(`docs site: chromium unavailable: ${unavailable}`);
    return 1;
  }
  if (!existsSync(join(site, 'index.html'))) {
    console.log('docs site: docs/api/index.html not found; run `npm run docs` first');
    return 1;
  }
  if (!existsSync(join(root, ENTRIES['bwell-webhooks']))) {
    console.log('docs site: dist/ not found; run `npm run build` first');
    return 1;
  }
  mkdirSync(shots, { recursive: true });
  const functions = await publicFunctions();
  const server = await serve({ dir: site });
  try {
    await withChromium(async (page) => {
      await check('the index renders with the package name and its navigation', async () => {
        const response = await page.goto(server.url);
        expect(response?.status() === 200, `status ${response?.status()}`);
        const title = await page.title();
        expect(title.includes('bwell-webhooks'), `title is ${JSON.stringify(title)}`);
        expect((await page.locator('.tsd-navigation a').count()) > 0, 'no navigation links');
        await page.screenshot({ path: join(shots, 'index.png'), fullPage: true });
      });

      for (const { module, name } of functions) {
        await check(`the page of ${name} from ${module} shows its signature and example`, async () => {
          const file = pageOf(module, name);
          expect(file !== undefined, `no page functions/*.${name}.html for ${module}`);
          const response = await page.goto(new URL(`functions/${file}`, server.url).href);
          expect(response?.status() === 200, `functions/${file}: status ${response?.status()}`);
          const heading = await page.locator('.tsd-page-title h1').textContent();
          expect(heading?.includes(name), `heading is ${JSON.stringify(heading)}`);
          expect((await page.locator('.tsd-signature').count()) > 0, 'no signature');
          expect((await page.locator('.tsd-comment pre code, .tsd-description pre code').count()) > 0, 'no example');
        });
      }

      await check('the search box finds parseEvent and leads to its page', async () => {
        await page.goto(server.url);
        await page.click('#tsd-search-trigger');
        await page.fill('#tsd-search-input', 'parseEvent');
        const hit = page.locator('#tsd-search-results li a', { hasText: 'parseEvent' }).first();
        await hit.waitFor({ timeout: 10_000 });
        await page.screenshot({ path: join(shots, 'search-parseEvent.png') });
        await hit.click();
        await page.waitForURL(/parseEvent\.html/, { timeout: 10_000 });
        expect((await page.locator('.tsd-page-title h1').textContent())?.includes('parseEvent'), 'wrong page');
      });

      await check('no page logged an error or failed to load a resource', () => {
        expect(page.problems.length === 0, page.problems.slice(0, 5).join('; '));
      });
    });
  } finally {
    await server.close();
  }

  for (const result of results) {
    console.log(`${result.ok ? 'PASS' : 'FAIL'} ${result.name}${result.ok ? '' : `: ${result.detail}`}`);
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`screenshots: ${shots}`);
  console.log(`docs site: ${results.length - failed} passed, ${failed} failed (${functions.length} public functions)`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
