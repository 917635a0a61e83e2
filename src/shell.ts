/** How a command line is shown (logs, the summary, dry-run plans): pure, so the summary needs no exec wrapper. */

/** Command line quoted so it can be pasted into a shell. */
export function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
