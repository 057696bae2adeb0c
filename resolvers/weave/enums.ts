import { registerEnumType } from 'type-graphql';

/** Retrieval pattern; AUTO lets the server choose. */
export enum WeaveMode {
  AUTO = 'AUTO',
  BARE = 'BARE',
  FAST = 'FAST',
  FUSED = 'FUSED',
}
registerEnumType(WeaveMode, { name: 'WeaveMode', description: 'Retrieval pattern; AUTO lets the server choose.' });

/** The tools a weave can answer with. */
export enum Tool {
  ANSWER = 'ANSWER',
  SEARCH = 'SEARCH',
  CALC = 'CALC',
  NOTE = 'NOTE',
  GRAPH_QUERY = 'GRAPH_QUERY',
}
registerEnumType(Tool, { name: 'Tool', description: 'The tools a weave can answer with.' });
