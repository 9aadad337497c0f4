/**
 * Working days in Brazil for the ANPD deadline (Res. CD/ANPD 15/2024, art. 6: 3 working days from
 * when the controller learns of the incident). Weekends and the national holidays are skipped: the
 * fixed ones (Lei 662/1949, 6.802/1980, 14.759/2023) and Good Friday, which moves with Easter.
 * State and municipal holidays and "pontos facultativos" (Carnival, Corpus Christi) are not counted as
 * holidays: the deadline errs on the early side.
 */

/** Days are plain calendar dates, `YYYY-MM-DD`. */
export type IsoDate = string;

const FIXED_HOLIDAYS = ['01-01', '04-21', '05-01', '09-07', '10-12', '11-02', '11-15', '12-25'];

/** Easter Sunday of a year (Gregorian calendar; the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const toUtc = (date: IsoDate) => new Date(`${date}T00:00:00Z`);
const fromUtc = (date: Date): IsoDate => date.toISOString().slice(0, 10);

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The national holidays of a year, sorted. */
export function nationalHolidays(year: number): IsoDate[] {
  const fixed = FIXED_HOLIDAYS.map((md) => `${year}-${md}`);
  // Dia Nacional de Zumbi e da Consciência Negra: national since Lei 14.759/2023
  if (year >= 2024) fixed.push(`${year}-11-20`);
  const goodFriday = addDays(easterSunday(year), -2);
  return [...fixed, goodFriday].sort();
}

export function isWorkingDay(date: IsoDate): boolean {
  const weekday = toUtc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nationalHolidays(Number(date.slice(0, 4))).includes(date);
}

/** The date `count` working days after `start` (the start day itself is not counted). */
export function addWorkingDays(start: IsoDate, count: number): IsoDate {
  let date = start;
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** The calendar date of an instant on the shop's wall clock. */
export function dateIn(instant: Date, timeZone: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
