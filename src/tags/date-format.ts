/**
 * Moment-style date formatting in an IANA time zone, for `{{date 'FMT' tz='Area/City'}}`.
 * Own implementation (no date library): Intl gives the wall-clock fields, we print the tokens.
 */

const TOKENS = /\[([^\]]*)\]|YYYY|YY|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|ZZ|Z|A|a|X|x/g;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** minutes east of UTC */
  offset: number;
}

/** Throws RangeError for an unknown time zone (Intl's own check). */
export function assertTimeZone(tz: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone: tz });
}

function wallClock(date: Date, tz: string): Wall {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = fmt.formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const w = {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
    ms: date.getUTCMilliseconds(),
  };
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return { ...w, offset: Math.round((asUtc - date.getTime()) / 60000) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function zone(offset: number, sep: string): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${sep}${pad(abs % 60)}`;
}

/** Tokens: YYYY YY MM M DD D HH H hh h mm m ss s SSS Z ZZ A a X x, and [literal text]. */
export function formatDate(date: Date, format: string, tz = 'UTC'): string {
  const w = wallClock(date, tz);
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return format.replace(TOKENS, (tok: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (tok) {
      case 'YYYY':
        return pad(w.year, 4);
      case 'YY':
        return pad(w.year % 100);
      case 'MM':
        return pad(w.month);
      case 'M':
        return String(w.month);
      case 'DD':
        return pad(w.day);
      case 'D':
        return String(w.day);
      case 'HH':
        return pad(w.hour);
      case 'H':
        return String(w.hour);
      case 'hh':
        return pad(h12);
      case 'h':
        return String(h12);
      case 'mm':
        return pad(w.minute);
      case 'm':
        return String(w.minute);
      case 'ss':
        return pad(w.second);
      case 's':
        return String(w.second);
      case 'SSS':
        return pad(w.ms, 3);
      case 'Z':
        return zone(w.offset, ':');
      case 'ZZ':
        return zone(w.offset, '');
      case 'A':
        return w.hour < 12 ? 'AM' : 'PM';
      case 'a':
        return w.hour < 12 ? 'am' : 'pm';
      case 'X':
        return String(Math.floor(date.getTime() / 1000));
      default: // 'x'
        return String(date.getTime());
    }
  });
}
