// The code blocks of the pages users copy from: README.md and every docs/**/*.md. A block's info string
// says what the tests do with it:
//
//   ```ts                  compiled with the repo's strict tsconfig, the package mapped to src/
//   ```ts run              compiled, then run: imported with BWELL_WEBHOOK_SECRET set; a Fetch handler it
//                          exports (`POST`, `default.fetch` or a `default` function) is sent a signed delivery
//                          of each known event and must answer 200
//   ```ts run lazy-secret  the same, but imported first with no secret in the environment, as `next build`
//                          and other ahead-of-time builds load a route
//   ```json                parsed as JSON
//
// Other languages (sh, text) are not checked here. A relative import in a block is the reader's own code:
// `./your-app.js` resolves to examples/frameworks/your-app.ts (the stand-in of the framework pages and the
// README), `./name.js` to another example of examples/frameworks/ or else to test/docs/stand-ins/name.ts.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const TS_TAGS = ['run', 'lazy-secret'] as const;

export interface Block {
  /** The page, relative to the repo root. */
  readonly page: string;
  /** The line of the opening fence, 1-based. */
  readonly line: number;
  readonly lang: string;
  readonly tags: readonly string[];
  readonly code: string;
}

/** README.md and every Markdown file under docs/ (not the generated site, docs/api). */
export function pages(): string[] {
  const found = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  return found;
}

/** The fenced code blocks of a Markdown text, with their info strings split into a language and tags. */
export function blocksOf(page: string, markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[index] as string);
    if (!open) continue;
    const [, indent = '', fence = '', lang = '', rest = ''] = open;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length; index++) {
      const line = lines[index] as string;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line)?.[1];
      if (close !== undefined && close[0] === fence[0] && close.length >= fence.length) break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    const tags = rest.split(/\s+/).filter(Boolean);
    blocks.push({ page, line: start + 1, lang: lang.toLowerCase(), tags, code: `${body.join('\n')}\n` });
  }
  return blocks;
}

/** Every block of every page. */
export function allBlocks(): Block[] {
  return pages().flatMap((page) => blocksOf(page, readFileSync(join(ROOT, page), 'utf8')));
}

export const isTypeScript = (block: Block) => block.lang === 'ts' || block.lang === 'typescript';

/** Where a block is written for the compiler and the runner: one file per block, named after its place. */
export const fileNameOf = (block: Block) =>
  `${block.page.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-L${block.line}.ts`;

export const where = (block: Block) => `${block.page}:${block.line}`;

/** Writes `blocks` into a fresh `dir`, one file each, beside the stand-ins of the reader's own modules. */
export function writeBlocks(dir: string, blocks: readonly Block[], append = ''): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The framework examples beside them: a page's block may import another example of its page (NestJS's Fastify
  // example takes the service of its Express one).
  for (const file of readdirSync(join(ROOT, 'examples/frameworks'))) {
    if (file.endsWith('.ts')) copyFileSync(join(ROOT, 'examples/frameworks', file), join(dir, file));
  }
  for (const file of readdirSync(join(ROOT, 'test/docs/stand-ins'))) {
    copyFileSync(join(ROOT, 'test/docs/stand-ins', file), join(dir, file));
  }
  return blocks.map((block) => {
    const file = join(dir, fileNameOf(block));
    writeFileSync(file, block.code + append);
    return file;
  });
}
