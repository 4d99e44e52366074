// RFC 6901 JSON pointers. Built only when a check fails: the happy path never pays for them.

export type Path = readonly (string | number)[];

export function toPointer(path: Path): string {
  let pointer = '';
  for (const token of path) pointer += `/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return pointer;
}
