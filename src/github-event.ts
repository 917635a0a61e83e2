/**
 * The event payload GitHub Actions writes to GITHUB_EVENT_PATH, read by the entries that run under it (the action and
 * `crossbuild` in a workflow) for context.ts's githubFromEnv. No variable or no file: an empty payload, as with
 * @actions/github; a file that is not a JSON object is the runner's input gone wrong, one line naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError, messageOf } from './errors.js';
import { isObject, type Json } from './json.js';

export function readEventPayload(env: NodeJS.ProcessEnv): Json {
  const path = env.GITHUB_EVENT_PATH ?? '';
  if (path === '' || !existsSync(path)) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError('GITHUB_EVENT_PATH', `cannot read the event file ${path} (${messageOf(err)})`);
  }
  if (!isObject(doc))
    throw new InputError('GITHUB_EVENT_PATH', `the event file ${path} is not a JSON object`);
  return doc;
}
