/**
 * The wall clock of an instant in an IANA time zone (the shop's, not the device's or the server's):
 * the server schedules by it (backups at 03:00, retention at 04:30, quiet hours), the web app picks
 * days by it. Pure, so tests drive it with fixed instants.
 */
export type WallClockParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

// one formatter per zone: building one costs more than formatting with it
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone (without one: the device's own). */
export function zonedParts(at: Date, timeZone: string | undefined): WallClockParts {
  let format = formatters.get(timeZone ?? '');
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone ?? '', format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}
