export interface FaultRule {
  /** e.g. 'PUT' */
  method?: string;
  /** matched against the request path */
  path: RegExp;
  /** HTTP status to answer, or 'drop' to destroy the socket */
  fault: number | 'drop';
  /** how many matching requests get the fault (Infinity: never stops) */
  times: number;
  /** this many matching requests pass before the first fault (default 0) */
  after?: number;
}
export interface FaultProxy {
  port: number;
  host: string;
  injected: {
    method: string;
    path: string;
    fault: number | 'drop';
  }[];
  requests: number;
  /** every request, when it arrived (ms since the proxy started), who sent it (User-Agent) and its fault if any */
  log: { at: number; method: string; path: string; ua: string; fault?: number | 'drop' }[];
  close(): Promise<void>;
}
/** Rewrites a response body (e.g. drops a platform from an index) for requests it returns true for. */
export interface Tamper {
  method?: string;
  path: RegExp;
  rewrite(body: Buffer): Buffer;
}
/** Faults at random but reproducibly: `rate` of all requests, each a 503, a 429 or a dropped connection. */
export interface RandomFaults {
  rate: number;
  seed: number;
  /** after this many manifest writes got through, every request is dropped (a push killed midway) */
  dieAfterManifestWrites?: number;
}
/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with its seed. */
export declare function seeded(seed: number): () => number;
export declare function startFaultProxy(
  upstreamPort: number,
  rules: FaultRule[],
  tamper?: Tamper,
  random?: RandomFaults,
): Promise<FaultProxy>;
