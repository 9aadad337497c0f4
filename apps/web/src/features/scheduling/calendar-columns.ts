/**
 * The time grid's columns for each view (issue 15 §1): a day by technician or by bay, or a week of
 * days. Each appointment and order date falls in exactly one column. Pure, unit-tested.
 */
import type { Appointment, CalendarOrderDate, WorkingHours } from '@bancada/shared';
import { zonedDay } from '../../app/shop-dates';
import { gridBounds, type Interval, minuteOfDay, workingIntervals } from './calendar-grid';

export const UNASSIGNED = 'unassigned';

export interface ColumnSpec {
  key: string;
  /** a technician's or bay's name, a day (YYYY-MM-DD), or UNASSIGNED: the page turns it into words */
  label: string;
  day: string;
  assign?: { technicianId?: string | null; bayId?: string | null };
  working: Interval[] | null;
  appointments: Appointment[];
  orderDates: CalendarOrderDate[];
}

export interface Resource {
  id: string;
  name: string;
  /** null: not known (no shading) */
  workingHours?: WorkingHours | null;
}

/** A day with one column per technician, and one for appointments and order dates with none. */
export function technicianColumns(
  day: string,
  technicians: Resource[],
  appointments: Appointment[],
  orderDates: CalendarOrderDate[],
  timeZone?: string,
): ColumnSpec[] {
  const onDay = appointments.filter((a) => zonedDay(a.start, timeZone) === day);
  const datesOnDay = orderDates.filter((d) => zonedDay(d.at, timeZone) === day);
  const known = new Set(technicians.map((tech) => tech.id));
  const columns: ColumnSpec[] = technicians.map((tech) => ({
    key: tech.id,
    label: tech.name,
    day,
    assign: { technicianId: tech.id },
    working: tech.workingHours ? workingIntervals(tech.workingHours, day) : null,
    appointments: onDay.filter((a) => a.technicianId === tech.id),
    orderDates: datesOnDay.filter((d) => d.technicianId === tech.id),
  }));
  const loose = onDay.filter((a) => a.technicianId === null || !known.has(a.technicianId));
  const looseDates = datesOnDay.filter((d) => d.technicianId === null || !known.has(d.technicianId));
  // a technician filtered out or inactive still shows their work, in the last column
  if (loose.length > 0 || looseDates.length > 0) {
    columns.push({
      key: UNASSIGNED,
      label: UNASSIGNED,
      day,
      assign: { technicianId: null },
      working: null,
      appointments: loose,
      orderDates: looseDates,
    });
  }
  return columns;
}

/** A day with one column per bay, and one for appointments without a bay and the order dates. */
export function bayColumns(
  day: string,
  bays: Resource[],
  appointments: Appointment[],
  orderDates: CalendarOrderDate[],
  timeZone?: string,
): ColumnSpec[] {
  const onDay = appointments.filter((a) => zonedDay(a.start, timeZone) === day);
  const datesOnDay = orderDates.filter((d) => zonedDay(d.at, timeZone) === day);
  const known = new Set(bays.map((bay) => bay.id));
  const columns: ColumnSpec[] = bays.map((bay) => ({
    key: bay.id,
    label: bay.name,
    day,
    assign: { bayId: bay.id },
    working: null,
    appointments: onDay.filter((a) => a.bayId === bay.id),
    orderDates: [],
  }));
  const loose = onDay.filter((a) => a.bayId === null || !known.has(a.bayId));
  if (loose.length > 0 || datesOnDay.length > 0) {
    columns.push({
      key: UNASSIGNED,
      label: UNASSIGNED,
      day,
      assign: { bayId: null },
      working: null,
      appointments: loose,
      orderDates: datesOnDay,
    });
  }
  return columns;
}

/** A week: one column per day; a block moved to another day keeps its technician and bay. */
export function dayColumns(
  days: string[],
  appointments: Appointment[],
  orderDates: CalendarOrderDate[],
  workingHours: WorkingHours | null,
  timeZone?: string,
): ColumnSpec[] {
  return days.map((day) => ({
    key: day,
    label: day,
    day,
    working: workingHours ? workingIntervals(workingHours, day) : null,
    appointments: appointments.filter((a) => zonedDay(a.start, timeZone) === day),
    orderDates: orderDates.filter((d) => zonedDay(d.at, timeZone) === day),
  }));
}

/** The grid's hours: 07–19, widened to take in every working interval and every block shown. */
export function columnsBounds(columns: ColumnSpec[], timeZone?: string): Interval {
  const intervals: Interval[] = [];
  for (const column of columns) {
    intervals.push(...(column.working ?? []));
    for (const a of column.appointments) {
      intervals.push({
        start: minuteOfDay(a.start, column.day, timeZone),
        end: minuteOfDay(a.end, column.day, timeZone),
      });
    }
    for (const d of column.orderDates) {
      const m = minuteOfDay(d.at, column.day, timeZone);
      intervals.push({ start: m, end: m });
    }
  }
  return gridBounds(intervals);
}
