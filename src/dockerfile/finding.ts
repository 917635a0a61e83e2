/** What the advisor reports: one finding at a Dockerfile line, and the one helper that makes it. Pure. */
import type { Stage } from './parse.js';

export type FindingKind = 'emulated-compile' | 'build-arch-binary' | 'hidden-compile';

export interface Finding {
  kind: FindingKind;
  /** 1-based line of the RUN */
  line: number;
  /** stage name, or `stage N` (0-based) when unnamed */
  stage: string;
  /** the platforms affected: emulated ones, or the ones that get a build-arch binary */
  platforms: string[];
  /** the matched command, e.g. `go build` */
  command: string;
  message: string;
  fix: string;
}

export function stageLabel(s: Stage): string {
  return s.name ?? `stage ${s.index}`;
}

/** A finding at a line of a stage: its message starts by saying where. */
export function finding(
  kind: FindingKind,
  stage: Stage,
  line: number,
  platforms: readonly string[],
  command: string,
  fix: string,
): (what: string) => Finding {
  return (what) => ({
    kind,
    line,
    stage: stageLabel(stage),
    platforms: [...platforms],
    command,
    message: `Dockerfile line ${line} (stage "${stageLabel(stage)}"): ${what}`,
    fix,
  });
}
