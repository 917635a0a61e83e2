/**
 * One spelling per platform, as buildx writes it into an index: `linux/arm` → `linux/arm/v7`,
 * `linux/arm64/v8` → `linux/arm64`, `arm64` → `linux/arm64`, `linux/amd64/v1` → `linux/amd64`.
 * Inputs, Dockerfile analysis and registry verification all compare platforms through this.
 */
export function normalizePlatform(p: string): string {
  const parts = p.trim().toLowerCase().split('/');
  if (parts.length === 1) parts.unshift('linux');
  const [os = '', arch = '', variant] = parts;
  if (arch === 'arm64' && (variant === undefined || variant === 'v8')) return `${os}/arm64`;
  if (arch === 'arm' && variant === undefined) return `${os}/arm/v7`;
  if (arch === 'amd64' && variant === 'v1') return `${os}/amd64`;
  return variant === undefined ? `${os}/${arch}` : `${os}/${arch}/${variant}`;
}

/** `linux/arm/v7` → an index descriptor's platform object. */
export function platformObject(platform: string): { os: string; architecture: string; variant?: string } {
  const [os = '', architecture = '', variant] = platform.split('/');
  return variant ? { architecture, os, variant } : { architecture, os };
}
