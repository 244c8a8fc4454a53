import { remember } from '../remember.ts';

/**
 * Dates as Gazette writes them: ISO 8601 with the offset of the configured time zone, to the
 * second. A date written without a zone is a wall-clock time in that zone.
 */

/**
 * Per time zone, its formatter and the offsets it gave, by instant: a build asks again about
 * the same instants (each file's time, each entry's dates) as the build before it.
 */
interface Zone {
  format: Intl.DateTimeFormat;
  offsets: Map<number, number>;
  /** Each instant as `formatDate` writes it. */
  written: Map<number, string>;
}

const zones = new Map<string, Zone>();

/** Instants remembered per time zone, beyond which they are forgotten and asked again. */
const rememberedInstants = 500_000;

/** Minutes east of UTC in `timeZone` at the instant `date`. */
export function zoneOffset(date: Date, timeZone: string): number {
  const zone = zoneOf(timeZone);
  return remember(zone.offsets, rememberedInstants, date.getTime(), () =>
    offsetOf(zone.format, date),
  );
}

function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    zone = { format, offsets: new Map(), written: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

/** The offset a formatter names ("1/5/2025, GMT+01:00"), in minutes; 0 for plain "GMT". */
function offsetOf(format: Intl.DateTimeFormat, date: Date): number {
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(format.format(date));
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** Parses `2025-01-05`, `2025-01-05 10:30` or ISO 8601; without a zone, in `timeZone`. */
export function parseDate(text: string, timeZone: string): Date {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text.trim(),
    );
  if (!match) return new Date(Number.NaN);
  const [, y, mo, d, h = '0', mi = '0', s = '0', , zone] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (zone) {
    if (zone === 'Z') return new Date(wall);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return new Date(wall - sign * minutes * 60_000);
  }
  // The offset depends on the instant; two passes settle it except inside a DST gap.
  let instant = wall - zoneOffset(new Date(wall), timeZone) * 60_000;
  instant = wall - zoneOffset(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** `2025-01-05T10:30:00+01:00`: the instant as wall-clock time in `timeZone`. */
export function formatDate(date: Date, timeZone: string): string {
  const { written } = zoneOf(timeZone);
  return remember(written, rememberedInstants, date.getTime(), () => writeDate(date, timeZone));
}

function writeDate(date: Date, timeZone: string): string {
  const offset = zoneOffset(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** A date at the start of a file name, as in `2025-01-05-title.md`. */
export function dateFromFileName(path: string): string | undefined {
  const name = path.split('/').pop() ?? '';
  const match = /^(\d{4}-\d{2}-\d{2})(?=[-_. ]|$)/.exec(name);
  return match?.[1];
}
