import type { TFunction } from "i18next";
import { durationShape, workingTimeParts } from "../../../shared/calendar.js";

const durationKeys = {
  minutes: "request.durationMinutes",
  hours: "request.durationHours",
  hoursMinutes: "request.durationHoursMinutes",
} as const;

/**
 * A deadline as staff read it (R-HA5, R-MO3): working time left or late by, in hours and minutes
 * rounded to the minute — "Còn 12 phút làm việc", "Trễ 3 giờ 1 phút làm việc", never "0,2 giờ".
 * `signedHours` is the server's workingHoursBetween(now, due). Past a deadline by less than a working
 * minute — at night after a deadline of 17:00, when no working time has run since — it reads
 * "Quá hạn", not "Trễ 0 phút làm việc".
 */
export function workingTimeWords(t: TFunction, signedHours: number, late: boolean): string {
  const parts = workingTimeParts(signedHours);
  if (late && parts.hours === 0 && parts.minutes === 0) return t("request.overdueJust");
  const duration = t(durationKeys[durationShape(parts)], parts);
  return late ? t("request.hoursLate", { duration }) : t("request.hoursLeft", { duration });
}
