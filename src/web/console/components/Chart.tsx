import { Typography } from "antd";
import type { ECharts, EChartsCoreOption } from "echarts/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * One ECharts chart. The library is imported when the first chart mounts (its own chunk), the
 * chart follows its container's width, and `label` names it for screen readers (role="img").
 */
export function Chart({
  option,
  label,
  height = 300,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts | null>(null);

  useEffect(() => {
    const element = ref.current;
    let disposed = false;
    let instance: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    void import("./echarts.js").then(({ echarts }) => {
      if (disposed || !element) return;
      instance = echarts.init(element, undefined, { renderer: "canvas" });
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(element);
      setChart(instance);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.setOption(option, true);
  }, [chart, option]);

  return (
    <div role="img" aria-label={label} style={{ position: "relative", width: "100%", height }}>
      {!chart && <Typography.Text type="secondary">{t("reports.charts.loading")}</Typography.Text>}
      <div ref={ref} style={{ position: "absolute", inset: 0 }} />
    </div>
  );
}
