/**
 * `{{date 'FMT' tz='Area/City'}}` and `{{commit_date …}}` are formatted by moment-timezone, the library
 * docker/metadata-action uses, so every token it accepts (`MMM`, `Do`, `X`, `ddd`, `DDDD`, `Q`, …) means the same
 * here. The library (and its time zone data) is loaded only by a run whose templates have a date.
 */

/** date, moment format (undefined: moment's ISO 8601 default), IANA zone → text */
type DateFormatter = (date: Date, format: string | undefined, tz: string) => string;

/** True when the time zone is one moment-timezone knows. */
type ZoneCheck = (tz: string) => boolean;

export interface Dates {
  format: DateFormatter;
  knows: ZoneCheck;
}

let loaded: Promise<Dates> | undefined;

export function loadDates(): Promise<Dates> {
  loaded ??= import('moment-timezone').then((mod) => {
    const moment = mod.default;
    return {
      format: (date, format, tz) => moment(date).tz(tz).format(format),
      knows: (tz) => moment.tz.zone(tz) !== null,
    };
  });
  return loaded;
}

/** For runs whose templates have no date: never called (a call is a bug, so it says so). */
export const NO_DATES: Dates = {
  format: () => {
    throw new Error('date formatting was not loaded: the template scan missed a date expression');
  },
  knows: () => false,
};

/** Does any of these templates format a date (`{{date …}}`, `{{commit_date …}}`)? */
export function hasDate(texts: readonly string[]): boolean {
  return texts.some((t) => /\{\{\s*(commit_)?date\b/.test(t));
}

/** … the commit's date in particular (which may need git or the API). */
export function hasCommitDate(texts: readonly string[]): boolean {
  return texts.some((t) => /\{\{\s*commit_date\b/.test(t));
}
