import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, registerEnumType } from 'type-graphql';

import { DataType } from '../data-type.js';

/** How a recall hit was found. */
export enum RetrievalSource {
  VECTOR = 'VECTOR',
  KEYWORD = 'KEYWORD',
  GRAPH = 'GRAPH',
  RECENCY = 'RECENCY',
}
registerEnumType(RetrievalSource, { name: 'RetrievalSource', description: 'How a recall hit was found.' });

@DataType('One stored memory.')
export class MemoryRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  text!: string;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { description: 'Entities extracted from the text (MENTIONS links).' })
  entities!: string[];

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => ID, { nullable: true })
  sessionId!: string | null;
}

@DataType('A recalled memory, its fused score and the retrievers that found it.')
export class RecallHit {
  @Field(() => MemoryRecord)
  memory!: MemoryRecord;

  @Field(() => Float, { description: 'Reciprocal-rank-fusion score normalized to 0..1.' })
  score!: number;

  @Field(() => [RetrievalSource])
  sources!: RetrievalSource[];
}
