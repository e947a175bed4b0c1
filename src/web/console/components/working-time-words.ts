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
 * `signedHours` is the server's workingHoursBetween(now, due).
 */
export function workingTimeWords(t: TFunction, signedHours: number, late: boolean): string {
  const parts = workingTimeParts(signedHours);
  const duration = t(durationKeys[durationShape(parts)], parts);
  return late ? t("request.hoursLate", { duration }) : t("request.hoursLeft", { duration });
}
