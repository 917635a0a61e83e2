import { describe, expect, it } from 'vitest';
import { parseSigstore } from '../../src/attest/options.js';
import { attestSpec, GITHUB_OIDC_ISSUER, type AttestEnv } from '../../src/attest/spec.js';
import { readSettings } from '../../src/inputs.js';
import { events } from '../fixtures/events.js';

const REF = 'acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3';
const github: AttestEnv = { oidc: 'github', workflowRef: REF, runAttempt: '2' };
const ENV_TOKEN: AttestEnv = { oidc: 'env' };
const PUSH = { push: true, reason: 'tag push' };
const NO_PUSH = { push: false, reason: 'pull request' };

function spec(inputs: Record<string, string>, env: AttestEnv = github, push = PUSH) {
  const warnings: string[] = [];
  const s = attestSpec(
    readSettings((n) => inputs[n] ?? ''),
    events.tagStable.ctx,
    env,
    push,
    warnings,
  );
  return { s, warnings };
}

describe('whether a run attests', () => {
  it.each([
    ['auto, a GitHub token', {}, github, PUSH, true],
    ['auto, SIGSTORE_ID_TOKEN', {}, ENV_TOKEN, PUSH, true],
    ['auto, a key', { 'attest-key': '/k.pem' }, {}, PUSH, true],
    ['auto, nothing to sign with', {}, {}, PUSH, false],
    ['false', { attest: 'false' }, github, PUSH, false],
    ['auto, nothing pushed', {}, github, NO_PUSH, false],
    ['a fan-out build job (the merge job attests)', { mode: 'build' }, github, PUSH, false],
    ['the merge job', { mode: 'merge' }, github, PUSH, true],
    ['custom outputs', { outputs: 'type=local,dest=out' }, github, PUSH, false],
  ])('%s', (_, inputs, env, push, want) => {
    expect(spec(inputs, env, push).s !== undefined).toBe(want);
  });

  it('says why when asked for and not done; fails at the start when there is nothing to sign with', () => {
    expect(spec({ attest: 'true' }, github, NO_PUSH).warnings).toEqual([
      'attest: nothing attested: this run does not push (pull request)',
    ]);
    expect(spec({ attest: 'auto' }, github, NO_PUSH).warnings).toEqual([]);
    expect(() => spec({ attest: 'true' }, {})).toThrow(/^attest: true, but there is nothing to sign with/);
  });
});

describe('a private repository', () => {
  const priv = {
    ...events.tagStable.ctx,
    payload: { ...events.tagStable.ctx.payload, repository: { private: true } },
  };
  const of = (inputs: Record<string, string>, env: AttestEnv = github) => {
    const warnings: string[] = [];
    return {
      s: attestSpec(
        readSettings((n) => inputs[n] ?? ''),
        priv,
        env,
        PUSH,
        warnings,
      ),
      warnings,
    };
  };

  it('is not signed into the public log by default, and says so', () => {
    const { s, warnings } = of({});
    expect(s).toBeUndefined();
    expect(warnings[0]).toMatch(/^attest: not signed: this repository is private/);
  });

  it.each([
    ['attest: true', { attest: 'true' }, github],
    ['a private Sigstore', { sigstore: 'rekor=https://rekor.internal' }, github],
    ['a key', { 'attest-key': 'k.pem' }, {}],
  ])('is signed with %s', (_, inputs, env) => {
    expect(of(inputs, env).s).toBeDefined();
  });
});

describe('how it signs and what it expects', () => {
  it('GitHub keyless: public-good Sigstore, the workflow at its ref as the signer, the run as the invocation', () => {
    const { s, warnings } = spec({});
    expect(s).toEqual({
      signer: { kind: 'keyless', token: 'github', fulcio: 'https://fulcio.sigstore.dev' },
      rekor: 'https://rekor.sigstore.dev',
      identity: { san: `https://github.com/${REF}`, issuer: GITHUB_OIDC_ISSUER },
      builderId: `https://github.com/${REF}`,
      invocationId: `https://github.com/acme/widget/actions/runs/${events.tagStable.ctx.runId}/attempts/2`,
      workflowPath: '.github/workflows/release.yml',
    });
    expect(warnings).toEqual([]);
  });

  it('a private Sigstore and identity from the sigstore lines; a key signs without a log unless one is named', () => {
    const sigstore =
      'fulcio=https://f.example\nrekor=https://r.example\ntsa=https://t.example\ntrusted-root=root.json\nidentity=ci@example.com\nissuer=https://issuer.example';
    const { s } = spec({ sigstore }, { oidc: 'env' });
    expect(s?.signer).toEqual({ kind: 'keyless', token: 'env', fulcio: 'https://f.example' });
    expect(s).toMatchObject({
      rekor: 'https://r.example',
      tsa: 'https://t.example',
      trustedRoot: 'root.json',
    });
    expect(s?.identity).toEqual({ san: 'ci@example.com', issuer: 'https://issuer.example' });
    expect(spec({ 'attest-key': 'k.pem' }).s?.rekor).toBeUndefined();
    expect(spec({ 'attest-key': 'k.pem', sigstore: 'rekor=https://r.example' }).s?.rekor).toBe(
      'https://r.example',
    );
  });

  it('outside GitHub without an identity: verified against the trusted root only, and it says so', () => {
    expect(spec({}, { oidc: 'env' }).warnings).toEqual([
      "attest: the signer's identity is not checked here; set sigstore: identity=… and issuer=…",
    ]);
  });

  it('a keyless signature needs a log or a timestamp authority', () => {
    expect(() => spec({ sigstore: 'rekor=off' })).toThrow(/^sigstore: rekor=off needs tsa=URL/);
    expect(spec({ sigstore: 'rekor=off\ntsa=https://t.example' }).s?.rekor).toBeUndefined();
  });
});

describe('the sigstore input', () => {
  it.each([
    ['fulcio=https://f.example\n# a comment\nrekor=off', { fulcio: 'https://f.example', rekor: 'off' }],
    ['', {}],
  ])('%j', (text, want) => {
    expect(parseSigstore(text)).toEqual(want);
  });

  it.each([
    ['fulcios=https://f.example', /"fulcios" is not one of fulcio, rekor/],
    ['fulcio=f.example', /fulcio=f.example is not an http\(s\) URL/],
    ['tsa=', /tsa= has no value/],
    ['rekor=https://a.example\nrekor=https://b.example', /rekor is given twice/],
  ])('%j is refused', (text, why) => {
    expect(() => parseSigstore(text)).toThrow(why);
  });
});
