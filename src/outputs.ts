/** Step outputs, set in one place. */
import * as core from '@actions/core';
import type { MetaResult } from './tags/types.js';

export function setMetaOutputs(meta: MetaResult): void {
  core.setOutput('version', meta.version);
  core.setOutput('tags', meta.tags.join('\n'));
  core.setOutput('tag-names', meta.tagNames.join('\n'));
  core.setOutput('labels', meta.labels.join('\n'));
  core.setOutput('annotations', meta.annotations.join('\n'));
  core.setOutput('json', JSON.stringify(meta.json));
}

export interface BuildOutputs {
  digest?: string;
  imageid?: string;
  metadata?: unknown;
  'qemu-platforms'?: string[];
  builder?: string;
  'builder-platforms'?: string[];
  platforms?: string[];
  retagged?: boolean;
}

export function setBuildOutputs(o: BuildOutputs): void {
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const value = Array.isArray(v)
      ? v.join(',')
      : typeof v === 'string'
        ? v
        : typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
    core.setOutput(k, value);
  }
}
