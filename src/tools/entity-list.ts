/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** "1 memory", "3 memories". */
export function countMemories(count: number): string {
  return `${count} ${count === 1 ? 'memory' : 'memories'}`;
}
