import { Field, Float, Int } from 'type-graphql';

import { DataType } from '../data-type.js';

@DataType('Server health.')
export class Health {
  @Field(() => String, { description: '"ok", or "degraded" when a backend fails its check.' })
  status!: string;

  @Field(() => String, { description: 'Memory backend: embedded, neo4j or neo4j+qdrant.' })
  backend!: string;

  @Field(() => String, { description: 'Active embedder, e.g. hashing or onnx:all-MiniLM-L6-v2.' })
  embedder!: string;

  @Field(() => Int, { description: "Memories stored for the caller's tenant." })
  memoryCount!: number;

  @Field(() => Float)
  uptimeSeconds!: number;

  @Field(() => String)
  version!: string;
}
