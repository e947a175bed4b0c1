/** The working-time calendar (Art. 10.3, R-HA6): pure, no I/O. */
export { defaultCalendarConfig, officialSchedule2025, officialSchedule2026 } from "./default-config.js";
export { lunarToDay, tetOf } from "./lunar.js";
export {
  createWorkingCalendar,
  ENGINE_MAX_YEAR,
  ENGINE_MIN_YEAR,
  type WorkingCalendar,
} from "./working-calendar.js";
