import { remember } from '../remember.ts';

/**
 * Dates as Gazette writes them: ISO 8601 with the offset of the configured time zone, to the
 * second. A date written without a zone is a wall-clock time in that zone.
 */

/** Instants remembered per time zone, beyond which they are forgotten and asked again. */
const rememberedInstants = 500_000;

/**
 * A time zone (IANA name), with its formatter and the offsets it gave, by instant: a build asks
 * again about the same instants (each file's time, each entry's dates), and a build under
 * `--watch` about those of the build before it.
 */
export class TimeZone {
  readonly name: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();
  /** Each instant as `formatDate` writes it. */
  readonly #written = new Map<number, string>();

  constructor(name: string) {
    this.name = name;
    this.#format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
  }

  /** Minutes east of UTC in this zone at the instant `date`. */
  offsetAt(date: Date): number {
    return remember(this.#offsets, rememberedInstants, date.getTime(), () =>
      offsetOf(this.#format, date),
    );
  }

  /** `2025-01-05T10:30:00+01:00`: the instant as wall-clock time in this zone. */
  write(date: Date): string {
    return remember(this.#written, rememberedInstants, date.getTime(), () => {
      const offset = this.offsetAt(date);
      const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return `${local}${sign}${hh}:${mm}`;
    });
  }
}

/** The offset a formatter names ("1/5/2025, GMT+01:00"), in minutes; 0 for plain "GMT". */
function offsetOf(format: Intl.DateTimeFormat, date: Date): number {
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(format.format(date));
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** A date and time as written, each field checked to exist; `offset` in minutes east of UTC. */
export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Undefined when the text names no zone. */
  offset: number | undefined;
}

const datePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Zones in use run from UTC-12:00 to UTC+14:00; an offset beyond is a typo. */
const maxOffsetMinutes = 14 * 60;

/**
 * Reads `2025-01-05`, `2025-01-05 10:30` or ISO 8601 exactly: a day, hour or offset that does
 * not exist (`2025-02-30`, `24:00`, `+15:00`) is a problem, never carried into the next month or
 * day. Years before 1000 are refused: no article is that old, and such a year is a typo.
 * Leap seconds (`:60`) are refused too: JavaScript dates have no place for them.
 */
export function readDate(text: string): { fields: DateFields } | { problem: string } {
  const match = datePattern.exec(text.trim());
  const quoted = JSON.stringify(text.trim());
  if (!match) return { problem: `${quoted} is not a date such as 2025-01-05` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  const notDate = `${quoted} is not a real date`;
  const notTime = `${quoted} is not a real time`;
  if (year < 1000) return { problem: `${quoted} is too early: years before 1000 are not read` };
  if (month < 1 || month > 12) return { problem: `${notDate}: months go from 01 to 12` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { problem: `${notDate}: ${monthNames[month - 1]} ${year} has ${days} days` };
  }
  if (hour > 23) return { problem: `${notTime}: hours go from 00 to 23` };
  if (minute > 59) return { problem: `${notTime}: minutes go from 00 to 59` };
  if (second > 59) return { problem: `${notTime}: seconds go from 00 to 59` };
  let offset: number | undefined;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(2));
    if (minutes > 59) return { problem: `${notTime}: the zone's minutes go from 00 to 59` };
    offset = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + minutes);
    if (Math.abs(offset) > maxOffsetMinutes) {
      return { problem: `${notTime}: zones go from -12:00 to +14:00` };
    }
  }
  return { fields: { year, month, day, hour, minute, second, offset } };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses a date as `readDate` does; without a zone, in `timeZone`. An impossible date gives an
 * invalid Date (NaN).
 */
export function parseDate(text: string, zone: TimeZone): Date {
  const read = readDate(text);
  if ('problem' in read) return new Date(Number.NaN);
  const { year, month, day, hour, minute, second, offset } = read.fields;
  // setUTCFullYear, unlike Date.UTC, takes years 0 to 99 as they are, not as 1900 to 1999.
  const wall =
    new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000;
  if (offset !== undefined) return new Date(wall - offset * 60_000);
  // The offset depends on the instant; two passes settle it except inside a DST gap.
  let instant = wall - zone.offsetAt(new Date(wall)) * 60_000;
  instant = wall - zone.offsetAt(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** `2025-01-05T10:30:00+01:00`: the instant as wall-clock time in `zone`. */
export function formatDate(date: Date, zone: TimeZone): string {
  return zone.write(date);
}

/** A date at the start of a file name, as in `2025-01-05-title.md`. */
export function dateFromFileName(path: string): string | undefined {
  const name = path.split('/').pop() ?? '';
  const match = /^(\d{4}-\d{2}-\d{2})(?=[-_. ]|$)/.exec(name);
  return match?.[1];
}
