// The consumer type test: packs the built package, installs ONLY the tarball (and what it depends on,
// @types/fhir) plus @types/node into a throwaway directory, and compiles small consumer projects with
// `skipLibCheck: false` under node16 ESM, node16 CJS, bundler, and a Worker (no Node or DOM types), with
// the repo's TypeScript and with the oldest TypeScript we support. Whatever our public .d.ts mentions must
// resolve for such a consumer. Usage, from the repo root after `npm run build`:
//
//   node test/package/consumer-types.mjs
//
// Prints one line per (TypeScript, project), then `package types: N passed, M failed`; exits 1 on failure.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

// The oldest TypeScript we promise: @types/fhir 0.0.44 and @types/node 20, which our declarations need,
// both declare `typeScriptVersion: 5.3`, so nothing older can be promised. Pinned in runtimes/package.json.
const COMPILERS = [
  { label: 'current', dir: join(root, 'node_modules/typescript') },
  { label: 'oldest supported', dir: join(root, 'runtimes/node_modules/typescript53') },
];

const strict = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: 'es2022',
  forceConsistentCasingInFileNames: true,
};
const PROJECTS = [
  {
    name: 'node16-esm',
    type: 'module',
    files: ['core.ts', 'subpaths.ts'],
    options: { ...strict, module: 'node16', moduleResolution: 'node16', lib: ['es2022'], types: ['node'] },
  },
  {
    name: 'node16-cjs',
    type: 'commonjs',
    files: ['core.ts', 'subpaths.ts'],
    options: { ...strict, module: 'node16', moduleResolution: 'node16', lib: ['es2022'], types: ['node'] },
  },
  {
    name: 'bundler',
    type: 'module',
    files: ['core.ts', 'subpaths.ts'],
    options: {
      ...strict,
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['es2022', 'dom', 'dom.iterable'],
      types: ['node'],
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
    },
  },
  {
    name: 'worker (no Node or DOM types)',
    type: 'module',
    files: ['worker.ts'],
    options: { ...strict, module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'webworker'], types: [] },
  },
];

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** Installs the tarball and @types/node from the npm cache, falling back to the registry. */
function installConsumer(dir, tarball) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const typesNode = `@types/node@${version(join(root, 'node_modules/@types/node'))}`;
  const common = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball, typesNode];
  for (const mode of ['--offline', '--prefer-offline']) {
    const result = run('npm', [...common, mode], dir);
    if (result.status === 0) return mode;
    console.log(`npm install ${mode} failed: ${result.stderr.trim().split('\n').at(-1)}`);
  }
  throw new Error('could not install the tarball');
}

/** Our package may depend on type packages only: anything else in node_modules is a runtime dependency. */
function foreignPackages(dir) {
  const allowed = new Set(['bwell-webhooks', '@types', 'undici-types', '.package-lock.json', '.bin']);
  return readdirSync(join(dir, 'node_modules')).filter((name) => !allowed.has(name));
}

const work = mkdtempSync(join(tmpdir(), 'bwell-consumer-'));
let passed = 0;
let failed = 0;
try {
  const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const tarball = join(work, JSON.parse(pack.stdout)[0].filename);
  const mode = installConsumer(work, tarball);
  const installed = readdirSync(join(work, 'node_modules/@types')).map((name) => `@types/${name}`);
  console.log(
    `installed ${tarball.split('/').at(-1)} with npm install ${mode}: bwell-webhooks, ${installed.join(', ')}`,
  );

  const foreign = foreignPackages(work);
  if (foreign.length === 0) passed += 1;
  else failed += 1;
  console.log(
    `${foreign.length === 0 ? 'PASS' : 'FAIL'} only type packages come with the tarball ${foreign.join(' ')}`,
  );

  for (const project of PROJECTS) {
    const dir = join(work, project.name.split(' ')[0]);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: project.name, private: true, type: project.type }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: project.options, files: project.files }),
    );
    for (const file of project.files) copyFileSync(join(here, 'fixtures', file), join(dir, file));
  }

  for (const compiler of COMPILERS) {
    if (!existsSync(compiler.dir)) {
      failed += 1;
      console.log(`FAIL typescript (${compiler.label}) is not installed at ${compiler.dir} (npm ci --prefix runtimes)`);
      continue;
    }
    const tsc = join(compiler.dir, 'bin/tsc');
    for (const project of PROJECTS) {
      const label = `typescript ${version(compiler.dir)} (${compiler.label}), ${project.name}`;
      const result = run(process.execPath, [tsc, '-p', join(work, project.name.split(' ')[0])], work);
      if (result.status === 0) {
        passed += 1;
        console.log(`PASS ${label}`);
      } else {
        failed += 1;
        console.log(`FAIL ${label}\n${`${result.stdout}${result.stderr}`.trim().replace(/^/gm, '  ')}`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`package types: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
