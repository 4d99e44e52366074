// Every snippet a user copies compiles under the repo's strict settings, and those marked `run` run: see
// test/docs/snippets.ts for what each info string asks. A failure names the page and line of the block.

import { join } from 'node:path';
import type { Bundle, MessageHeader, Person } from 'fhir/r4.js';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataExportCompleted, buildUserDeleteCompleted, createSignedRequest } from '../../src/testing/index.js';
import { allBlocks, type Block, fileNameOf, isTypeScript, ROOT, TS_TAGS, where, writeBlocks } from './snippets.js';

const OUT = join(ROOT, 'test-output/docs-snippets');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const blocks = allBlocks();
const typescript = blocks.filter(isTypeScript);
const runnable = typescript.filter((block) => block.tags.includes('run'));

/** Compiles every TypeScript block at once; returns the diagnostics of each block's file, formatted. */
function compile(): Map<string, string[]> {
  const files = writeBlocks(OUT, typescript);
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  // Each block is a module of its own, even one without import or export (no globals shared between blocks).
  const compilerOptions = { ...options, moduleDetection: ts.ModuleDetectionKind.Force };
  // A block that augments another package's types for the whole program (Koa's body parser types every
  // node:http request's `body` as unknown) compiles in a program of its own, as it would in its own project.
  const augments = (file: string) => /@koa\/bodyparser/.test(ts.sys.readFile(file) ?? '');
  const programs = [files.filter((file) => !augments(file)), files.filter(augments)]
    .filter((group) => group.length > 0)
    .map((group) => ts.createProgram(group, compilerOptions));
  const byFile = new Map<string, string[]>(files.map((file) => [file, []]));
  const blockOf = new Map(files.map((file, index) => [file, typescript[index] as Block]));
  for (const diagnostic of programs.flatMap((program) => ts.getPreEmitDiagnostics(program))) {
    const file = diagnostic.file?.fileName ?? '';
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const line =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
        : 0;
    const list = byFile.get(file);
    // A diagnostic outside the blocks (in src/, say) is the typecheck's business, unless no file is named.
    const block = blockOf.get(file);
    if (list && block) list.push(`${block.page}:${block.line + line}: TS${diagnostic.code} ${text}`);
    else if (!diagnostic.file) byFile.set('(global)', [...(byFile.get('(global)') ?? []), text]);
  }
  return byFile;
}

let diagnostics: Map<string, string[]>;
beforeAll(() => {
  diagnostics = compile();
}, 120_000);

describe('the code blocks of README.md and docs/**/*.md', () => {
  it('are found: the README and the guides have TypeScript blocks, some of them run', () => {
    expect(typescript.filter((block) => block.page === 'README.md').length).toBeGreaterThan(0);
    expect(typescript.length).toBeGreaterThan(20);
    expect(runnable.length).toBeGreaterThan(0);
  });

  it('carry only tags the checker knows', () => {
    const unknown = typescript.flatMap((block) =>
      block.tags.filter((tag) => !(TS_TAGS as readonly string[]).includes(tag)).map((tag) => `${where(block)}: ${tag}`),
    );
    expect(unknown).toEqual([]);
  });

  it('have no compiler error outside any block', () => {
    expect(diagnostics.get('(global)') ?? []).toEqual([]);
  });

  it.each(typescript.map((block) => [where(block), block] as const))(
    '%s compiles under strict TypeScript',
    (_, block) => {
      expect(diagnostics.get(join(OUT, fileNameOf(block)))).toEqual([]);
    },
  );

  it.each(blocks.filter((block) => block.lang === 'json').map((block) => [where(block), block] as const))(
    '%s is JSON',
    (_, block) => {
      expect(() => JSON.parse(block.code)).not.toThrow();
    },
  );
});

const PERSON_ID = 'bwell-person-4711';

/** A message Bundle whose Person carries no identifier of the client's. */
function withoutClientIdentifier(bundle: MessageHeader | Bundle): Bundle {
  const copy = structuredClone(bundle) as Bundle;
  for (const { resource } of copy.entry ?? []) {
    if (resource?.resourceType === 'Person') delete (resource as Person).identifier;
  }
  return copy;
}

type FetchHandler = (request: Request) => Promise<Response> | Response;

/** The Fetch handler a module exports, the way the platforms look for one. */
function handlerOf(module: Record<string, unknown>): FetchHandler | undefined {
  const fallback = module.default as { fetch?: unknown } | FetchHandler | undefined;
  if (typeof module.POST === 'function') return module.POST as FetchHandler;
  if (typeof fallback === 'function') return fallback;
  if (typeof fallback?.fetch === 'function') return (request) => (fallback.fetch as FetchHandler)(request);
  return undefined;
}

describe('the blocks marked `run`', () => {
  const saved = process.env.BWELL_WEBHOOK_SECRET;
  afterAll(() => {
    if (saved === undefined) delete process.env.BWELL_WEBHOOK_SECRET;
    else process.env.BWELL_WEBHOOK_SECRET = saved;
  });

  it.each(runnable.map((block) => [where(block), block] as const))('%s runs', async (_, block: Block) => {
    const url = join(OUT, fileNameOf(block));
    if (block.tags.includes('lazy-secret')) {
      // An ahead-of-time build loads the module without the runtime's secrets: loading must not need them.
      delete process.env.BWELL_WEBHOOK_SECRET;
      await import(/* @vite-ignore */ url);
    }
    process.env.BWELL_WEBHOOK_SECRET = SECRET;
    const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    const { calls } = (await import(/* @vite-ignore */ join(OUT, 'your-app.ts'))) as { calls: string[] };
    const handler = handlerOf(module);
    if (handler === undefined) return;
    const deliveries = [
      buildUserDeleteCompleted(),
      buildUserDeleteCompleted({ shape: 'header' }),
      buildDataExportCompleted(),
      buildDataExportCompleted({ shape: 'header' }),
    ];
    for (const payload of deliveries) {
      const before = calls.length;
      const response = await handler(await createSignedRequest({ payload, secret: SECRET }));
      expect(response.status, `${where(block)}: ${await response.clone().text()}`).toBe(200);
      expect(calls.length, `${where(block)} called none of your-app's functions`).toBeGreaterThan(before);
    }
    // Without the client's identifier, b.well's Person id must never stand in for it (it is not your user id).
    const before = calls.length;
    const payload = withoutClientIdentifier(buildUserDeleteCompleted({ personId: PERSON_ID }));
    await handler(await createSignedRequest({ payload, secret: SECRET }));
    expect(calls.slice(before).filter((call) => call.includes(PERSON_ID))).toEqual([]);
  });
});
