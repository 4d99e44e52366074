// The API docs as a reader sees them: serves the built typedoc site (docs/api) on 127.0.0.1 and opens it in
// headless Chromium. The landing page renders and looks like its baseline (a screenshot, compared loosely);
// the guides are listed in reading order, every one of them; the main module's API is grouped by task; every
// public function of every entry point has a page with its signature and its example; parseEvent's page
// says that it does not verify; the search finds names, words of comments and words of guides. Screenshots
// go to test-output/docs-site/.
// Usage, from the repo root: `npm run test:docs-site` (builds the docs first); DOCS_SITE_DIR=<dir> checks
// a site built elsewhere; UPDATE_DOCS_BASELINE=1 rewrites the landing page's baseline after a deliberate change.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumUnavailable, serve, withChromium } from '../../runtimes/chromium.mjs';
import { compareShots, measureShot } from './screenshot.mjs';

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
const VIEWPORT = { width: 1280, height: 800 };
const BASELINE = join(root, 'test/docs-site/landing-baseline.json');

// The guides in the order a newcomer reads them, by title; pages not named here (the framework pages, say)
// may sit anywhere between them, but every docs/**/*.md must be in the site.
const READING_ORDER = [
  'Receiving your first event',
  'Verifying deliveries',
  'Receiving in any HTTP layer',
  'Going to production',
  'Testing',
  'The command line',
  'Performance',
];
// Where a few names of the main entry point belong, when its API is grouped by task.
const GROUPS = {
  Receive: ['createWebhookHandler', 'memoryStore', 'RECEIVE_RESPONSES'],
  Verify: ['verifyEvent', 'verifySignature', 'signPayload'],
  Parse: ['parseEvent', 'safeParseEvent', 'getExternalIdentifier'],
  Errors: ['WebhookError', 'isWebhookError'],
};
// Search queries and a result each must offer: a name, a word that only comments hold, words of the guides.
const SEARCHES = [
  ['parseEvent', 'parseEvent'],
  ['payload_not_raw', 'verifySignature'],
  ['express', 'Express'],
  ['rotation', 'Going to production'],
  ['lambda', 'AWS Lambda'],
  ['serverless', 'Going to production'],
];

/** The title of every Markdown guide (its front matter's, else its first heading's). */
function guideTitles() {
  const titles = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.name.endsWith('.md')) {
        const text = readFileSync(join(root, path), 'utf8');
        const title = (/^title:\s*(.+)$/m.exec(text) ?? /^#\s+(.+)$/m.exec(text))?.[1].trim();
        titles.push({ path, title: title?.replace(/^(["'])(.*)\1$/, '$2') });
      }
    }
  };
  walk('docs');
  return titles;
}

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
      await page.setViewportSize(VIEWPORT);
      await check('the index renders with the package name and its navigation', async () => {
        const response = await page.goto(server.url);
        expect(response?.status() === 200, `status ${response?.status()}`);
        const title = await page.title();
        expect(title.includes('bwell-webhooks'), `title is ${JSON.stringify(title)}`);
        expect((await page.locator('.tsd-navigation a').count()) > 0, 'no navigation links');
        await page.screenshot({ path: join(shots, 'index-full.png'), fullPage: true });
      });

      await check('a screenshot of the landing page is not blank and looks like its baseline', async () => {
        await page.goto(server.url);
        await page.evaluate(() => document.fonts.ready);
        const png = await page.screenshot({ path: join(shots, 'index.png') });
        const shot = await measureShot(page, png);
        expect(shot.width === VIEWPORT.width && shot.height === VIEWPORT.height, `${shot.width}x${shot.height}`);
        expect(shot.spread > 0.08 && shot.colours > 32, `blank: spread ${shot.spread}, ${shot.colours} colours`);
        if (process.env.UPDATE_DOCS_BASELINE) {
          writeFileSync(BASELINE, `${JSON.stringify(shot.grid)}\n`);
          console.log(`docs site: wrote the landing page's baseline, ${BASELINE}`);
        }
        expect(existsSync(BASELINE), `no baseline ${BASELINE}: look at the screenshot, then UPDATE_DOCS_BASELINE=1`);
        const difference = compareShots(shot.grid, JSON.parse(readFileSync(BASELINE, 'utf8')));
        expect(difference.ok, `differs from its baseline: ${difference.detail} (see ${join(shots, 'index.png')})`);
      });

      await check('the guides are all in the navigation, in reading order', async () => {
        await page.goto(server.url);
        await page.locator('nav.tsd-navigation summary', { hasText: 'Documents' }).first().click();
        const listed = (await page.locator('nav.tsd-navigation a').allInnerTexts()).map((text) => text.trim());
        const missing = guideTitles().filter(({ title }) => !listed.includes(title));
        expect(
          missing.length === 0,
          `not in the site (add to typedoc.json's projectDocuments): ${missing.map((page) => page.path).join(', ')}`,
        );
        const order = READING_ORDER.map((title) => listed.indexOf(title));
        expect(
          order.every((index, at) => index >= 0 && (at === 0 || index > order[at - 1])),
          `order: ${listed.join(' | ')}`,
        );
      });

      await check('the API of bwell-webhooks is grouped by task: receive, verify, parse, errors', async () => {
        await page.goto(new URL('modules/bwell-webhooks.html', server.url).href);
        const sections = await page.locator('details.tsd-member-group').evaluateAll((nodes) =>
          nodes.map((node) => ({
            title: node.querySelector('summary')?.textContent?.trim(),
            names: [...node.querySelectorAll('a')].map((a) => a.textContent.trim()),
          })),
        );
        expect(
          sections.map((section) => section.title).join() === Object.keys(GROUPS).join(),
          `groups: ${sections.map((section) => section.title).join(', ')}`,
        );
        for (const [group, names] of Object.entries(GROUPS)) {
          const section = sections.find((candidate) => candidate.title === group);
          const misplaced = names.filter((name) => !section?.names.includes(name));
          expect(misplaced.length === 0, `not under ${group}: ${misplaced.join(', ')}`);
        }
      });

      await check("parseEvent's page says it does not verify, and links to verifyEvent", async () => {
        await page.goto(new URL(`functions/${pageOf('bwell-webhooks', 'parseEvent')}`, server.url).href);
        const text = await page.locator('.tsd-panel.tsd-typography, .tsd-comment').first().textContent();
        expect(/does not verify the signature/.test(text), 'no "does not verify the signature"');
        expect((await page.locator('.tsd-comment a[href*="verifyEvent"]').count()) > 0, 'no link to verifyEvent');
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

      for (const [query, wanted] of SEARCHES) {
        await check(`searching "${query}" offers ${wanted}`, async () => {
          await page.goto(server.url);
          await page.click('#tsd-search-trigger');
          await page.fill('#tsd-search-input', query);
          const hit = page.locator('#tsd-search-results li', { hasText: wanted }).first();
          await hit.waitFor({ timeout: 10_000 });
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
