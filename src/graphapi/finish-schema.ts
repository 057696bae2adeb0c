import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';

import { DateTimeScalar } from '../graphql/index.js';

import { noGraphDatabaseError, toGraphApiError } from './errors.js';

/**
 * Input fields no client may use. The `@authorization` rules need `tenant` in the generated
 * `<Type>Where` inputs (@neo4j/graphql validates rules against them, so `@filterable(byValue:
 * false)` is refused); the rules are applied from the type definitions, not from these inputs,
 * so removing the field afterwards hides it without weakening them.
 */
const HIDDEN_INPUT_FIELDS = new Set(['tenant']);

type RootField = GraphQLFieldConfig<unknown, unknown>;

/**
 * Each root resolver runs the whole Cypher query of its field, so wrapping the roots catches
 * every failure. Without a database (`uri` null) nothing reaches the library at all.
 */
function withErrorCodes(field: RootField, uri: string | null): RootField {
  const resolve = field.resolve;
  if (resolve === undefined) {
    return field;
  }
  return {
    ...field,
    resolve: async (source, args, context, info) => {
      if (uri === null) {
        throw noGraphDatabaseError();
      }
      try {
        return await resolve(source, args, context, info);
      } catch (error) {
        throw toGraphApiError(error, uri);
      }
    },
  };
}

/**
 * Post-processes the generated schema: hides `tenant` from every input, swaps in the server's
 * DateTime scalar, and gives root errors the server's codes.
 */
export function finishGraphApiSchema(schema: GraphQLSchema, uri: string | null): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.INPUT_OBJECT_FIELD]: (field, fieldName) => (HIDDEN_INPUT_FIELDS.has(fieldName) ? null : field),
    [MapperKind.SCALAR_TYPE]: (type) => (type.name === DateTimeScalar.name ? DateTimeScalar : type),
    [MapperKind.ROOT_FIELD]: (field) => withErrorCodes(field, uri),
  });
}
