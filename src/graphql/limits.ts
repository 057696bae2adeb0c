import {
  GraphQLError,
  Kind,
  type ASTNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

import { BadInputError } from '../shared/index.js';

/**
 * A validation rule that rejects operations nested deeper than `maxDepth` fields.
 * Introspection fields (`__schema`, `__type`) are not counted, so Sandbox keeps working.
 */
export function createDepthLimitRule(maxDepth: number): ValidationRule {
  return (context) => {
    const walk: DepthWalk = { context, fragmentDepths: new Map(), visiting: new Set() };
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(walk, operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(depthError(operation, depth, maxDepth));
        }
      },
    };
  };
}

/** State of one document's walk. */
interface DepthWalk {
  readonly context: ValidationContext;
  // Memoised, or a fragment spread many times per level would cost exponential time.
  readonly fragmentDepths: Map<string, number>;
  // NoFragmentCyclesRule reports cycles; here they must only not recurse forever.
  readonly visiting: Set<string>;
}

function depthError(node: ASTNode, depth: number, maxDepth: number): GraphQLError {
  const message = `Query depth ${depth} exceeds the limit of ${maxDepth}`;
  // The AppError rides along as originalError: Apollo re-codes validation errors,
  // and the formatter restores the code from it.
  return new GraphQLError(message, {
    nodes: node,
    originalError: new BadInputError(message, { depth, maxDepth }),
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function selectionDepth(walk: DepthWalk, selectionSet: SelectionSetNode | undefined): number {
  let deepest = 0;
  for (const selection of selectionSet?.selections ?? []) {
    deepest = Math.max(deepest, nodeDepth(walk, selection));
  }
  return deepest;
}

function nodeDepth(walk: DepthWalk, selection: SelectionNode): number {
  switch (selection.kind) {
    case Kind.FIELD:
      return selection.name.value.startsWith('__')
        ? 0
        : 1 + selectionDepth(walk, selection.selectionSet);
    case Kind.INLINE_FRAGMENT:
      return selectionDepth(walk, selection.selectionSet);
    case Kind.FRAGMENT_SPREAD:
      return fragmentDepth(walk, selection.name.value);
  }
}

function fragmentDepth(walk: DepthWalk, name: string): number {
  const known = walk.fragmentDepths.get(name);
  if (known !== undefined) {
    return known;
  }
  if (walk.visiting.has(name)) {
    return 0;
  }
  walk.visiting.add(name);
  const depth = selectionDepth(walk, walk.context.getFragment(name)?.selectionSet);
  walk.visiting.delete(name);
  walk.fragmentDepths.set(name, depth);
  return depth;
}

/**
 * A validation rule that rejects operations selecting more than `maxFields` top-level fields
 * (aliases included), so one request cannot fan out into hundreds of recalls or weaves.
 * Fields inside top-level fragments count too; introspection does not.
 */
export function createRootFieldLimitRule(maxFields: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = rootFieldCount(context, operation.selectionSet, new Set());
      if (count > maxFields) {
        const message = `The operation selects ${count} top-level fields; the limit is ${maxFields}. Split it into several requests.`;
        context.reportError(
          new GraphQLError(message, {
            nodes: operation,
            originalError: new BadInputError(message, { count, maxFields }),
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
    },
  });
}

function rootFieldCount(context: ValidationContext, selectionSet: SelectionSetNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      count += selection.name.value.startsWith('__') ? 0 : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += rootFieldCount(context, selection.selectionSet, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      count += fragment == null ? 0 : rootFieldCount(context, fragment.selectionSet, seen);
    }
  }
  return count;
}
