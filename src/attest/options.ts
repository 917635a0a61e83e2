/**
 * The `sigstore` input: which Sigstore signs and what a signature must show, as `key=value` lines. Public-good
 * Sigstore by default; a private instance names its Fulcio, Rekor (or `rekor=off`), timestamp authority and the
 * trusted_root.json that trusts them (as cosign's `--trusted-root`). `identity`/`issuer` set the signer a keyless
 * signature must show when the run's own cannot be worked out (CI other than GitHub).
 */
import { InputError } from '../errors.js';
import { inputLines, keyValue } from '../lines.js';

/** Public-good Sigstore: what signs when the `sigstore` input names nothing else. */
export const PUBLIC_GOOD = {
  fulcio: 'https://fulcio.sigstore.dev',
  rekor: 'https://rekor.sigstore.dev',
} as const;

/** Who is expected to have signed (keyless): the certificate's subject alternative name and OIDC issuer. */
export interface Identity {
  san: string;
  issuer: string;
}

export interface SigstoreOptions {
  fulcio?: string;
  /** a URL, or 'off' (no transparency log: a key-based signature kept private) */
  rekor?: string;
  tsa?: string;
  /** path of a trusted_root.json */
  'trusted-root'?: string;
  identity?: string;
  issuer?: string;
}

const KEYS = ['fulcio', 'rekor', 'tsa', 'trusted-root', 'identity', 'issuer'] as const;
const URL_KEYS = new Set(['fulcio', 'rekor', 'tsa', 'issuer']);

export function parseSigstore(text: string): SigstoreOptions {
  const out: SigstoreOptions = {};
  for (const line of inputLines(text)) {
    const [k, value] = keyValue(line);
    const key = k.trim() as (typeof KEYS)[number];
    const val = value.trim();
    if (!KEYS.includes(key))
      throw new InputError('sigstore', `"${k.trim()}" is not one of ${KEYS.join(', ')} (lines of key=value)`);
    if (val === '') throw new InputError('sigstore', `${key}= has no value`);
    if (key in out) throw new InputError('sigstore', `${key} is given twice`);
    if (URL_KEYS.has(key) && !(key === 'rekor' && val === 'off') && !/^https?:\/\/[^\s/]+/.test(val))
      throw new InputError('sigstore', `${key}=${val} is not an http(s) URL`);
    out[key] = val;
  }
  return out;
}
