export declare const DEFAULT_SEED: number;
export declare const DEFAULT_CASES: string;
export declare function generateCases(
  seed?: number,
  count?: number,
): { id: string; ctx: unknown; inputs: Record<string, string>; env?: Record<string, string> }[];
