/**
 * What the main step hands to the post step through saved state: names only, never a credential.
 * Every key in one place.
 */
export const STATE = {
  /** a builder this run created (post removes it) */
  builder: 'builder',
  /** JSON list of registries logged in to (post logs out) */
  logins: 'logins',
  /** JSON list of temporary files and directories main made (post removes them) */
  temp: 'temp',
} as const;

export interface StateStore {
  save(name: string, value: string): void;
}

/** Keeps a JSON list in one state key, saved after every addition (a crash mid-run still leaves it). */
export function stateList(store: StateStore, name: string): { add(item: string): void; items: string[] } {
  const items: string[] = [];
  return {
    items,
    add(item) {
      items.push(item);
      store.save(name, JSON.stringify(items));
    },
  };
}

export function readStateList(raw: string): string[] {
  try {
    const v: unknown = JSON.parse(raw || '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
