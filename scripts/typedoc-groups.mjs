// A typedoc plugin: groups the API of the main entry point by task (Receive, Verify, Parse, Errors), from the
// folder each declaration lives in, so that no source file needs a `@group` tag. The other entry points are
// tasks of their own (bwell-webhooks/node, /redis, /testing, /lambda) and keep typedoc's groups by kind.
// A declaration already tagged `@group` keeps its tag.
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/** The task of a source file, by its folder under src/ (the floors of DESIGN.md). */
const TASKS = [
  [/\/src\/receive\//, 'Receive'],
  [/\/src\/(verify|sign)\//, 'Verify'],
  [/\/src\/(parse|events|extract|lib)\//, 'Parse'],
  [/\/src\/errors\.ts$/, 'Errors'],
];

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const { project } = context;
    const main = project.children?.find(
      (child) => child.kindOf(ReflectionKind.Module) && child.name === 'bwell-webhooks',
    );
    for (const reflection of main?.children ?? []) {
      const file = project.getSymbolIdFromReflection(reflection)?.fileName ?? '';
      const task = TASKS.find(([pattern]) => pattern.test(file))?.[1];
      if (task === undefined) {
        app.logger.warn(`typedoc-groups: no task for ${reflection.name} (${file}); add its folder to TASKS`);
        continue;
      }
      // A function's comment sits on its signature, and typedoc reads groups from both.
      if (!reflection.comment && !reflection.signatures?.[0]?.comment) reflection.comment = new Comment();
      const comment = reflection.comment ?? reflection.signatures[0].comment;
      if (comment.blockTags.some((tag) => tag.tag === '@group')) continue;
      comment.blockTags.push(new CommentTag('@group', [{ kind: 'text', text: task }]));
    }
  });
}
