// Short, safe descriptions of what was found, for error messages: never more than a few dozen characters
// of the input, so a message never echoes a whole body.

const MAX = 40;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : `the string ${JSON.stringify(excerpt(value))}`;
    case 'object':
      return Object.keys(value as object).length === 0 ? 'an empty object' : 'an object';
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    default:
      return typeof value;
  }
}

export function excerpt(text: string): string {
  return text.length <= MAX ? text : `${text.slice(0, MAX)}…`;
}
