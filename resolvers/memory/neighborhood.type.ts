import { Field, Int } from 'type-graphql';

import { DataType } from '../data-type.js';
import { MemoryRecord } from './memory.type.js';

@DataType('An entity near the centre of a neighbourhood.')
export class NeighborEntity {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'Co-mention hops from the centre entity.' })
  distance!: number;

  @Field(() => Int, { description: 'Memories linking it to the previous ring.' })
  sharedMemories!: number;
}

@DataType('Entities and memories around one entity.')
export class GraphNeighborhood {
  @Field(() => String)
  entity!: string;

  @Field(() => Boolean, { description: 'False when no memory mentions the entity.' })
  found!: boolean;

  @Field(() => [NeighborEntity])
  entities!: NeighborEntity[];

  @Field(() => [MemoryRecord])
  memories!: MemoryRecord[];
}
