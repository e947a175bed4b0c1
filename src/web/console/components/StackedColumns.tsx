import { Grid, Typography } from "antd";
import type { ColumnsType, ColumnType } from "antd/es/table";
import type { ReactNode } from "react";

/** What one column shows for a row: its own render, else the value under its dataIndex. */
function cell<T>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const path = column.dataIndex;
  const keys = path === undefined ? [] : Array.isArray(path) ? path : [path];
  let value: unknown = row;
  for (const key of keys) value = (value as Record<string | number, unknown> | null)?.[key as string];
  if (keys.length === 0) value = undefined;
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value === null || value === undefined ? "—" : String(value);
}

/**
 * A list's columns on a phone (below antd's `md`, 768 px): the first column keeps its place and the
 * others stand under it, each as "title: value", so a row reads down the screen instead of
 * scrolling sideways past what matters; the last `trailing` columns (a row's buttons) stay beside
 * it. On a wider screen the columns are as given, with `scrollX` for the table.
 */
export function useStackedColumns<T>(
  columns: ColumnsType<T>,
  { trailing = 0, scrollX }: { trailing?: number; scrollX: number },
): { columns: ColumnsType<T>; scroll: { x: number } | undefined } {
  const narrow = Grid.useBreakpoint().md === false;
  if (!narrow) return { columns, scroll: { x: scrollX } };
  const [first, ...rest] = columns as ColumnType<T>[];
  if (!first) return { columns, scroll: undefined };
  const stacked = rest.slice(0, rest.length - trailing);
  const kept = rest.slice(rest.length - trailing).map((c) => ({ ...c, width: undefined }));
  return {
    scroll: undefined,
    columns: [
      {
        key: "stacked",
        title: first.title,
        render: (_: unknown, row: T, index: number) => (
          <div className="stacked-cell">
            <div>{cell(first, row, index)}</div>
            {stacked.map((column, i) => (
              <Typography.Text key={String(column.key ?? column.dataIndex ?? i)} className="stacked-line">
                <span className="stacked-label">{column.title as ReactNode}: </span>
                {cell(column, row, index)}
              </Typography.Text>
            ))}
          </div>
        ),
      },
      ...kept,
    ],
  };
}
