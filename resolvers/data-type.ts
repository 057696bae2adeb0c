import { ObjectType } from 'type-graphql';

/**
 * An object type whose fields are plain properties of the value a resolver returns. graphql-js's
 * default resolver reads them; type-graphql would otherwise give every field a resolver of its own
 * (an object and a middleware pass per field per request) for middlewares this schema never uses.
 * A type that needs a field resolver or middleware uses `@ObjectType` instead.
 */
export function DataType(description: string): ClassDecorator {
  return ObjectType({ description, simpleResolvers: true });
}
