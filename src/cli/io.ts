/**
 * The command line's side of ActionIO: inputs from flags (secret inputs never: see args.ts), then INPUT_* variables,
 * then action.yml's defaults;
 * logs on stderr (phases as headers), outputs and state kept for the end (--json prints the outputs), secrets
 * masked in every line printed.
 */
import type { ActionIO, Annotation } from '../action-io.js';
import { inputEnvName } from './args.js';
import { INPUTS } from './inputs.generated.js';

export class CliIO implements ActionIO {
  readonly outputs: Record<string, string> = {};
  readonly summaries: string[] = [];
  failed: string | undefined;
  private readonly saved = new Map<string, string>();
  private readonly secrets: string[] = [];

  constructor(
    private readonly flags: Readonly<Record<string, string>>,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly write: (line: string) => void,
  ) {}

  private say(line: string): void {
    let out = line;
    for (const s of this.secrets) out = out.split(s).join('***');
    this.write(out);
  }

  input(name: string): string {
    const fromFlag = this.flags[name];
    if (fromFlag !== undefined) return fromFlag;
    // the runner's name (INPUT_GITHUB-TOKEN), then the one a shell can export (INPUT_GITHUB_TOKEN)
    const fromEnv =
      this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? this.env[inputEnvName(name)];
    if (fromEnv !== undefined) return fromEnv;
    // the runner fills in action.yml's defaults; here that is our job (expressions like ${{ github.token }} aside)
    const dflt = INPUTS.find((i) => i.name === name)?.default ?? '';
    return dflt.includes('${{') ? '' : dflt;
  }
  info(m: string): void {
    this.say(m);
  }
  warning(m: string, where?: Annotation): void {
    const at = where?.file ? `${where.file}${where.startLine ? `:${where.startLine}` : ''}: ` : '';
    this.say(`warning: ${at}${m}`);
  }
  notice(m: string): void {
    this.say(`notice: ${m}`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.say(`▸ ${name}`);
    return fn();
  }
  setSecret(v: string): void {
    if (v !== '') this.secrets.push(v);
  }
  setOutput(n: string, v: string): void {
    this.outputs[n] = v;
  }
  /** a command has no later steps: the outputs are printed (--json) instead */
  exportVariable(): void {
    return undefined;
  }
  saveState(n: string, v: string): void {
    this.saved.set(n, v);
  }
  state(n: string): string {
    return this.saved.get(n) ?? '';
  }
  summary(md: string): Promise<void> {
    this.summaries.push(md);
    return Promise.resolve();
  }
  setFailed(m: string): void {
    this.failed = m;
    this.say(`error: ${m}`);
  }
}
