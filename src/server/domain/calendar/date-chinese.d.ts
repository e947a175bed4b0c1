// date-chinese ships its types outside its "exports" map, so bundler resolution misses them; this is
// the part of its API the calendar uses (types/index.d.ts of date-chinese 2.1.4).
declare module "date-chinese" {
  export class CalendarVietnamese {
    set(cycle: number, year: number, month: number, leap: number, day: number): this;
    toGregorian(gyear: number): { year: number; month: number; day: number };
  }
}
