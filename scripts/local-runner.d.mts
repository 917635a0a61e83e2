export declare const ROOT: string;
export declare const DIST: string;

export interface RunSpec {
  inputs: Record<string, string>;
  /** GITHUB_* env (GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_SHA, GITHUB_REPOSITORY, …) */
  github: Record<string, string>;
  event: unknown;
  /** working directory = GITHUB_WORKSPACE (default: the repository root) */
  cwd?: string;
  /** node binary (default: $CROSSBUILD_TEST_NODE, else the one running this) */
  node?: string;
  extraEnv?: Record<string, string>;
  timeoutMs?: number;
  /** echo the step's output live */
  echo?: boolean;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  ms: number;
  /** the step's peak resident set (VmHWM, sampled every 25 ms), in KiB */
  peakRssKb: number;
  dir: string;
}

export declare function parseCommandFile(text: string): Record<string, string>;
export declare function runMain(spec: RunSpec): Promise<RunResult>;
export declare function runPost(spec: RunSpec, main: RunResult): Promise<RunResult>;
