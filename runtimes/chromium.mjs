// Headless Chromium (Debian's /usr/bin/chromium) through playwright-core, and a tiny static server on
// 127.0.0.1 (a secure context, so `crypto.subtle` exists). Shared by the runtime matrix and the docs-site test.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags proven on this machine (../shared/toolchain.md): no sandbox (containers), no GPU, and no
// background traffic, so the browser never talks to anything but our loopback server.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Why Chromium cannot run here, or `undefined` when it can. */
export function chromiumUnavailable() {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install -y chromium)`;
}

/**
 * Serves `routes` (path -> string body) and, for any other path, files under `dir`, on 127.0.0.1 at a free
 * port. Resolves with `{ url, close }`.
 */
export function serve({ routes = {}, dir } = {}) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    if (path in routes) {
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? TYPES['.html'] });
      response.end(routes[path]);
      return;
    }
    const file = dir && join(dir, normalize(path.endsWith('/') ? `${path}index.html` : path));
    if (file?.startsWith(dir) && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404).end('not found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/**
 * Launches headless Chromium with a fresh profile and calls `use(page)`; always closes the browser and
 * removes the profile. Page errors, HTTP errors and failed requests are collected in `page.problems`.
 */
export async function withChromium(use) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'bwell-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.problems = [];
    page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) page.problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => page.problems.push(`failed ${request.url()}`));
    page.on('console', (message) => {
      // Chromium asks every site for /favicon.ico on its own; that 404 is not the page's.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        page.problems.push(`console: ${message.text()} (${message.location().url})`);
      }
    });
    return await use(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
