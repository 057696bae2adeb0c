import { isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';

/** Types two merged schemas may both declare: the roots (fields are checked instead) and the one DateTime. */
const SHARED_TYPES = new Set(['Query', 'Mutation', 'Subscription', 'DateTime']);

/** The named types a schema declares itself: no built-in scalars, no introspection types. */
function ownTypeNames(schema: GraphQLSchema): Set<string> {
  return new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type))
      .map((type) => type.name),
  );
}

function rootFieldNames(schema: GraphQLSchema, root: string): string[] {
  const type = schema.getType(root);
  return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${root}.${field}`) : [];
}

function allRootFields(schema: GraphQLSchema): Set<string> {
  return new Set(['Query', 'Mutation', 'Subscription'].flatMap((root) => rootFieldNames(schema, root)));
}

/**
 * Names that more than one schema declares, besides the allowed shared types: `mergeSchemas`
 * would silently union such types (or let one root field replace another), so one API's type
 * could change shape under the other's feet.
 */
export function findSchemaCollisions(schemas: readonly GraphQLSchema[]): string[] {
  const seen = new Set<string>();
  const collisions = new Set<string>();
  for (const schema of schemas) {
    const names = [...[...ownTypeNames(schema)].filter((name) => !SHARED_TYPES.has(name)), ...allRootFields(schema)];
    for (const name of names) {
      if (seen.has(name)) {
        collisions.add(name);
      }
      seen.add(name);
    }
  }
  return [...collisions].sort();
}
