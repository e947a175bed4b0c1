import { Button } from "antd";
import { useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A text as written (line breaks kept), folded to `rows` lines when longer, with a «Xem thêm» /
 * «Thu gọn» button (thirty-seventh session: a 5,000-character request filled the desk). Folding is
 * only CSS: the whole text stays in the page — found by the browser's search, read by a screen reader,
 * copied whole. Give it a `key` that changes with the text: it measures when mounted and when resized.
 */
export function LongText({ text, rows = 6 }: { text: string; rows?: number }) {
  const { t } = useTranslation();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [long, setLong] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || open) return;
    // Measured while folded: is there more than the lines shown? Again when the width changes.
    const measure = () => setLong(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [open]);
  return (
    <div>
      <div
        id={id}
        ref={box}
        className={open ? "long-text" : "long-text long-text-folded"}
        style={open ? undefined : { WebkitLineClamp: rows }}
      >
        {text}
      </div>
      {(long || open) && (
        <Button
          type="link"
          size="small"
          className="long-text-toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? t("longText.less") : t("longText.more")}
        </Button>
      )}
    </div>
  );
}
