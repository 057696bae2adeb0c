import type { NewMemory } from '../memory/index.js';
import type { Rng } from '../shared/index.js';

const PEOPLE = ['Alice Johnson', 'Bob Smith', 'Carla Gomez', 'Deepak Rao', 'Eva Novak', 'Farid Haddad', 'Grace Lee', 'Hiro Tanaka', 'Ines Duarte', 'Jonas Berg'];
const COMPANIES = ['Acme Corporation', 'Globex', 'Initech', 'Umbrella Labs', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Imports'];
const CITIES = ['Berlin', 'Paris', 'Lisbon', 'Tokyo', 'Nairobi', 'Toronto', 'Oslo', 'Lima', 'Seoul', 'Cairo'];
const TOPICS = ['graph databases', 'vector search', 'reinforcement learning', 'solar power', 'coffee roasting', 'bird migration', 'jazz harmony', 'soil chemistry'];
const VERBS = ['presented a talk on', 'wrote a report about', 'is researching', 'taught a course on', 'published a paper on'];

const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng.next() * items.length)] as T;

/** One synthetic memory: people, companies, cities and topics recombined, with a unique number. */
function memoryText(i: number, rng: Rng): string {
  const person = pick(PEOPLE, rng);
  switch (i % 3) {
    case 0:
      return `${person} works at ${pick(COMPANIES, rng)} in ${pick(CITIES, rng)} on project ${i}.`;
    case 1:
      return `${person} ${pick(VERBS, rng)} ${pick(TOPICS, rng)} in ${pick(CITIES, rng)} (note ${i}).`;
    default:
      return `In ${pick(CITIES, rng)}, ${pick(COMPANIES, rng)} opened lab ${i} for ${pick(TOPICS, rng)}.`;
  }
}

/** A deterministic corpus of `count` memories. */
export function syntheticCorpus(count: number, rng: Rng): NewMemory[] {
  return Array.from({ length: count }, (_, i) => ({ text: memoryText(i, rng), tags: ['bench'], source: 'bench' }));
}

/** Queries in the shapes users ask: facts, lists, arithmetic, relations. */
export function syntheticQueries(count: number, rng: Rng): string[] {
  const shapes = [
    () => `Where does ${pick(PEOPLE, rng)} work?`,
    () => `Who is researching ${pick(TOPICS, rng)}?`,
    () => `What happened in ${pick(CITIES, rng)}?`,
    () => `What is ${Math.floor(rng.next() * 100)} * ${Math.floor(rng.next() * 100)}?`,
    () => `What is connected to ${pick(COMPANIES, rng)}?`,
    () => `Tell me about ${pick(TOPICS, rng)} at ${pick(COMPANIES, rng)} in ${pick(CITIES, rng)} and why it matters for the team`,
  ];
  return Array.from({ length: count }, (_, i) => shapes[i % shapes.length]?.() ?? '');
}
