/**
 * What the layers of one image may keep between them (#19): each layer's headers are capped by the tar reader, but
 * many capped headers add up (four 1 MiB pax paths in a 4 kB gzip layer took 567 MB), so the readers of an image's
 * layers and its merge share one Budget.
 */

/** The most entries all the layers of one image may hold. */
const MAX_ENTRIES = 1_000_000;
/** The most bytes (paths, link targets, heads) kept for all the layers of one image. */
const MAX_KEPT = 64 << 20;

export interface Limits {
  entries: number;
  /** bytes of paths, link targets and heads */
  kept: number;
  /** tree nodes the merge makes (a real image has about one per entry) */
  nodes: number;
  /**
   * path segments the merge walks: each entry's parent is walked through symlinks, and 40 hops of PATH_MAX targets
   * are 80k steps for one entry; the bound keeps a hostile layer to a few seconds
   */
  steps: number;
}

const mib = (n: number) => (n % (1 << 20) === 0 ? `${n >> 20} MiB` : `${n} bytes`);

export const LIMITS: Limits = { entries: MAX_ENTRIES, kept: MAX_KEPT, nodes: MAX_ENTRIES, steps: 1 << 26 };

/** One image's count against its Limits; over one, the proof fails with one line naming the image. */
export class Budget {
  entries = 0;
  kept = 0;
  nodes = 0;
  steps = 0;
  /** `what` names the image in the error, e.g. `layers of linux/arm64` */
  constructor(
    readonly what = 'the layers',
    readonly limits: Limits = LIMITS,
  ) {}

  /** Counts one entry (what a tar entry keeps: its names and file head); throws once the image is over a bound. */
  take(e: { path: string; linkname: string; head: Buffer }): void {
    this.kept += e.path.length + e.linkname.length + e.head.length;
    if (++this.entries > this.limits.entries) this.over(`hold more than ${this.limits.entries} entries`);
    if (this.kept > this.limits.kept)
      this.over(`hold more than ${mib(this.limits.kept)} of names and file heads`);
  }

  /** Counts one tree node of the merge. */
  node(): void {
    if (++this.nodes > this.limits.nodes) this.over(`hold more than ${this.limits.nodes} paths`);
  }

  /** Counts one path segment walked by the merge. */
  step(): void {
    if (++this.steps > this.limits.steps)
      this.over(`have symlinks that take more than ${this.limits.steps} steps to resolve`);
  }

  over(why: string): never {
    throw new Error(`${this.what} ${why}; not read`);
  }
}
