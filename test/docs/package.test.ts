// The guides travel with the package: `npm pack` lists README.md's guides, and every relative link of the
// README and of the packed pages leads to a file in the tarball (and to a heading that exists there), so the
// links work in node_modules/bwell-webhooks as they do in the repository.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pages, ROOT } from './snippets.js';

const packed: string[] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
)[0].files.map((file: { path: string }) => file.path);
const markdown = packed.filter((path) => path.endsWith('.md'));

/** GitHub's (and npm's) anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

function anchorsIn(page: string): Set<string> {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchorOf(match[1] as string)));
}

/** The relative links of a page: `[text](target)` whose target has no scheme. */
function linksOf(page: string): string[] {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('the npm package', () => {
  it('carries every guide (README.md and docs/**/*.md), the changelog, and no generated site', () => {
    expect(markdown.sort()).toEqual([...pages(), 'CHANGELOG.md'].sort());
    expect(packed.filter((path) => path.startsWith('docs/api/'))).toEqual([]);
  });

  it.each(markdown)('%s links only to files and headings inside the tarball', (page) => {
    const broken: string[] = [];
    for (const link of linksOf(page)) {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : posix.normalize(posix.join(posix.dirname(page), path));
      if (!packed.includes(target)) broken.push(`${link}: ${target} is not in the tarball`);
      else if (anchor !== undefined && target.endsWith('.md') && !anchorsIn(target).has(anchor)) {
        broken.push(`${link}: no heading #${anchor} in ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
