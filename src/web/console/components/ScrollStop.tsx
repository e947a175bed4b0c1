import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * A table wider than its box scrolls sideways inside it; a keyboard can reach what is hidden only
 * if the scrolling box takes the focus (WCAG 2.1.1, axe `scrollable-region-focusable`: at 1024 px a
 * request's tables of history and messages hold no link or button to stop on). Around an antd
 * table: while a scrolling box within it is wider inside than out, the box is a tab stop with a
 * name that says so (arrow keys scroll it); when everything fits it is not one.
 */
export function ScrollStop({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const label = t("app.scrollTable");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      for (const box of root.querySelectorAll<HTMLElement>(".ant-table-content, .ant-table-body")) {
        if (box.scrollWidth > box.clientWidth) {
          box.tabIndex = 0;
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", label);
        } else if (box.hasAttribute("tabindex")) {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      }
    };
    mark();
    // The box's width follows the window, its content's the rows as they load.
    const resized = new ResizeObserver(mark);
    resized.observe(root);
    const changed = new MutationObserver(mark);
    changed.observe(root, { childList: true, subtree: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [label]);
  return <div ref={ref}>{children}</div>;
}
