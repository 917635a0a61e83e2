// Preloaded into every metadata-action run of record.mjs (as a CommonJS copy, node --require; it imports and
// exports nothing, so the text is both): "now" becomes one fixed instant
// (DIFFERENTIAL_FROZEN_NOW, else 2020-01-10T00:30:00.000Z) for `new Date()`, `Date()` and `Date.now()`, while
// `new Date(value)`, `Date.parse` and `Date.UTC` keep working. Timers are untouched (they do not read Date).
const frozen = Date.parse(process.env.DIFFERENTIAL_FROZEN_NOW ?? '2020-01-10T00:30:00.000Z');
if (Number.isNaN(frozen)) throw new Error(`frozen-clock: bad DIFFERENTIAL_FROZEN_NOW`);

const RealDate = globalThis.Date;

function FrozenDate(...args) {
  if (new.target === undefined) return new RealDate(frozen).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [frozen] : args, new.target);
}
Object.setPrototypeOf(FrozenDate, RealDate);
Object.defineProperty(FrozenDate, 'prototype', { value: RealDate.prototype, writable: false });
FrozenDate.now = () => frozen;
FrozenDate.parse = RealDate.parse;
FrozenDate.UTC = RealDate.UTC;

globalThis.Date = FrozenDate;
