import { Segmented, type SegmentedProps } from "antd";

/**
 * antd's Segmented as one radio group for the keyboard (WAI-ARIA radio group): Tab reaches the
 * checked option once and the arrow keys move between the options. antd's own control also makes its
 * frame focusable (`tabIndex` 0 on the `radiogroup` div), so Tab stopped twice — on the frame, which
 * the arrow keys do not move from, then on the checked radio (seen in Chromium, 6 Dec 2026).
 */
export function RadioSegmented<T>(props: SegmentedProps<T>) {
  return <Segmented<T> {...props} tabIndex={undefined} />;
}
