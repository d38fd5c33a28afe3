import { nthWeekdayDay, type TimeWindow } from './intent';

/** The data's extent: "today" is maxDate (the newest event's date). */
export interface DataExtent {
  minDate: string | null;
  maxDate: string | null;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Names the period a window covers, with its dates: "the last 7 days (2026-11-15 to 2026-11-21)". */
export function describePeriod(time: TimeWindow | undefined, extent: DataExtent): string {
  const { minDate, maxDate } = extent;
  if (!maxDate || !minDate) return time ? time.label : 'all data (the table is empty)';
  const today = parse(maxDate);
  const span = (from: number, to: number, label: string) =>
    from === to ? `${label} (${iso(from)})` : `${label} (${iso(from)} to ${iso(to)})`;
  if (!time || time.kind === 'all') return span(parse(minDate), today, 'all data');
  switch (time.kind) {
    case 'days':
      return span(today - ((time.n ?? 1) - 1) * DAY, today, time.label);
    case 'yesterday':
      return span(today - DAY, today - DAY, 'yesterday');
    case 'hours':
      return `${time.label} up to the newest event on ${maxDate}`;
    case 'this_week': {
      const dow = (new Date(today).getUTCDay() + 6) % 7;
      return span(today - dow * DAY, today, 'this week');
    }
    case 'this_month':
      return span(Date.parse(`${maxDate.slice(0, 7)}-01T00:00:00Z`), today, 'this month');
    case 'last_month': {
      const first = new Date(`${maxDate.slice(0, 7)}-01T00:00:00Z`);
      const prevEnd = first.getTime() - DAY;
      return span(Date.parse(`${iso(prevEnd).slice(0, 7)}-01T00:00:00Z`), prevEnd, 'last month');
    }
    case 'this_quarter':
    case 'last_quarter': {
      const d = new Date(today);
      const start = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 - (time.kind === 'last_quarter' ? 3 : 0), 1);
      const end = time.kind === 'this_quarter' ? today : Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1) - DAY;
      return span(start, end, time.label);
    }
    case 'this_year':
      return span(Date.parse(`${maxDate.slice(0, 4)}-01-01T00:00:00Z`), today, 'this year');
    case 'months': {
      const d = new Date(today);
      d.setUTCMonth(d.getUTCMonth() - (time.n ?? 1));
      return span(d.getTime() + DAY, today, time.label);
    }
    case 'since_md': {
      const from = `${maxDate.slice(0, 4)}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
      return span(parse(from), today, time.label);
    }
    case 'in_month': {
      const first = `${maxDate.slice(0, 4)}-${String(time.month).padStart(2, '0')}-`;
      const named = time.nth ? nthWeekdayDay(time.month, time.nth, Number(maxDate.slice(0, 4))) : time.day;
      if (named)
        return span(parse(`${first}${String(named).padStart(2, '0')}`), parse(`${first}${String(named).padStart(2, '0')}`), time.label);
      const next = new Date(parse(`${first}01`));
      next.setUTCMonth(next.getUTCMonth() + 1);
      return span(parse(`${first}01`), Math.min(next.getTime() - DAY, today), time.label);
    }
    case 'md_range': {
      const year = Number(maxDate.slice(0, 4));
      const day = ([month, d]: [number, number]) => Math.min(Date.UTC(year, month - 1, d), Date.UTC(year, month, 0));
      return span(day(time.from), day(time.to), time.label);
    }
    case 'day_back':
      return span(today - time.back * DAY, today - time.back * DAY, time.label);
    case 'prev_week': {
      const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
      return span(monday - 7 * DAY, monday - DAY, time.label);
    }
    case 'day_span':
      return span(today - time.from * DAY, today - time.to * DAY, time.label);
    case 'until_md': {
      const day = Date.UTC(Number(maxDate.slice(0, 4)), time.month - 1, time.day) - (time.inclusive ? 0 : DAY);
      return span(parse(minDate), day, time.label);
    }
    case 'month_back': {
      const shifted = (ms: number) => {
        const d = new Date(ms);
        const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - time.months + 1, 0)).getUTCDate();
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - time.months, Math.min(d.getUTCDate(), last));
      };
      const end = shifted(today - (time.back ?? 0) * DAY);
      return span(time.mtd ? Date.parse(`${iso(end).slice(0, 7)}-01T00:00:00Z`) : end, end, time.label);
    }
    case 'since_weekday': {
      const back = (new Date(today).getUTCDay() + 7 - (time.weekday % 7)) % 7;
      const weeks = 7 * (time.weeksBack ?? 0) * DAY;
      return span(today - back * DAY - weeks, today - weeks, time.label);
    }
    case 'range':
      return time.to ? span(parse(time.from), parse(time.to), time.from === time.to ? 'on' : 'from') : `since ${time.from} (to ${maxDate})`;
  }
}
