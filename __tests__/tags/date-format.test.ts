/** Dates are moment-timezone's (metadata-action's library): its tokens, IANA zones, loaded on first use. */
import { describe, expect, test } from 'vitest';
import { hasCommitDate, hasDate } from '../../src/tags/date-format.js';
import { loadDates } from '../../src/tags/index.js';
import { NOW } from './run.js';

const { format, knows } = await loadDates();
const formatDate = (d: Date, fmt: string, tz: string) => format(d, fmt, tz);

describe('formatDate', () => {
  test.each([
    ['YYYY-MM-DD HH:mm:ss.SSS Z', 'UTC', '2025-04-30 12:34:56.789 +00:00'],
    ['YYYYMMDD', 'UTC', '20250430'],
    ['YY M D H', 'Asia/Tokyo', '25 4 30 21'],
    ['HH:mm ZZ', 'America/New_York', '08:34 -0400'],
    ['HH:mm Z', 'Asia/Kolkata', '18:04 +05:30'],
    ['[Build] YYYYMMDD [at] HHmm', 'UTC', 'Build 20250430 at 1234'],
    ['hh:mm A a', 'UTC', '12:34 PM pm'],
    ['h:m:s', 'America/Los_Angeles', '5:34:56'],
    ['X x', 'UTC', '1746016496 1746016496789'],
  ])('%j in %s → %j', (fmt, tz, expected) => {
    expect(formatDate(NOW, fmt, tz)).toBe(expected);
  });

  test.each([
    ['2025-12-31T23:30:00Z', 'Asia/Tokyo', 'YYYYMMDD HH', '20260101 08'],
    ['2025-01-01T00:05:00Z', 'America/Chicago', 'YYYY-MM-DD hh:mm A Z', '2024-12-31 06:05 PM -06:00'],
    ['2025-03-09T07:30:00Z', 'America/New_York', 'HH:mm Z', '03:30 -04:00'],
    ['2025-01-01T00:05:00Z', 'UTC', 'hh A', '12 AM'],
  ])('%s in %s as %j → %j', (iso, tz, fmt, expected) => {
    expect(formatDate(new Date(iso), fmt, tz)).toBe(expected);
  });
});

describe('every moment token metadata-action documents works', () => {
  test.each([
    ['MMM Do, ddd', 'UTC', 'Apr 30th, Wed'],
    ['DDDD Q', 'UTC', '120 2'],
    ['dddd MMMM', 'Asia/Tokyo', 'Wednesday April'],
    ['w W gggg', 'UTC', '18 18 2025'],
    ['z', 'Europe/Paris', 'CEST'],
  ])('%j in %s → %j', (fmt, tz, expected) => {
    expect(formatDate(NOW, fmt, tz)).toBe(expected);
  });

  test('no format: ISO 8601 (what an unquoted format gives in metadata-action)', () => {
    expect(format(NOW, undefined, 'UTC')).toBe('2025-04-30T12:34:56Z');
  });

  test('known zones', () => {
    expect(knows('Asia/Tokyo')).toBe(true);
    expect(knows('Mars/Olympus')).toBe(false);
  });

  test.each([
    [["type=raw,value={{date 'YYYY'}}"], true, false],
    [['{{ commit_date "YYYY" }}'], true, true],
    [['type=sha', 'foo={{branch}}'], false, false],
  ])('%j: date %s, commit date %s', (texts, date, commit) => {
    expect(hasDate(texts)).toBe(date);
    expect(hasCommitDate(texts)).toBe(commit);
  });
});
