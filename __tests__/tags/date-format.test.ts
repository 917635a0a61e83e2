import { describe, expect, test } from 'vitest';
import { formatDate } from '../../src/tags/index.js';
import { NOW } from './run.js';

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
