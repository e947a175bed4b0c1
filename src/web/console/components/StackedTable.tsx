import { Grid, Table, type TableProps, Typography } from "antd";
import type { ColumnsType, ColumnType } from "antd/es/table";
import type { ReactNode } from "react";
import { ScrollStop } from "./ScrollStop.js";

/** What one column shows for a row: its own render, else the value under its dataIndex. */
function cell<T>(column: ColumnType<T>, row: T, index: number): ReactNode {
  // antd types dataIndex as a deep path of T; read as plain keys it costs the checker nothing.
  const path: unknown = column.dataIndex;
  const keys: unknown[] = path === undefined ? [] : Array.isArray(path) ? path : [path];
  let value: unknown = keys.length === 0 ? undefined : row;
  for (const key of keys) value = (value as Record<string, unknown> | null)?.[String(key)];
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value === null || value === undefined ? "—" : String(value);
}

/** A column of its own (not a group of columns). */
function isPlain<T>(column: ColumnsType<T>[number]): column is ColumnType<T> {
  return !("children" in column);
}

/**
 * How a list's columns stack on a phone: the last `trailing` columns (a row's buttons) stay beside
 * the stacked cell; `scrollX` is the table's width on a wider screen (no sideways scroll when unset).
 */
export interface Stacking {
  trailing?: number;
  scrollX?: number;
}

/**
 * A small table whose rows read down the screen on a phone (below antd's `md`, 768 px): the first
 * column keeps its place and the others stand under it, each as "title: value", instead of
 * scrolling sideways past what matters. On a wider screen the columns are as given, and a table
 * wider than its box is a keyboard stop that scrolls (ScrollStop).
 */
export function StackedTable<T extends object>({
  trailing,
  scrollX,
  columns = [],
  ...table
}: Omit<TableProps<T>, "scroll"> & Stacking) {
  const stacked = useStackedColumns(columns, { trailing, scrollX });
  return (
    <ScrollStop>
      <Table<T> size="small" {...table} columns={stacked.columns} scroll={stacked.scroll} />
    </ScrollStop>
  );
}

const keptHeading = () => ({ style: { whiteSpace: "nowrap" } as const });

function useStackedColumns<T>(
  columns: ColumnsType<T>,
  { trailing = 0, scrollX }: Stacking,
): { columns: ColumnsType<T>; scroll: { x: number } | undefined } {
  const narrow = Grid.useBreakpoint().md === false;
  if (!narrow) return { columns, scroll: scrollX === undefined ? undefined : { x: scrollX } };
  const [first, ...rest] = columns.filter(isPlain);
  if (!first) return { columns, scroll: undefined };
  const stacked = rest.slice(0, rest.length - trailing);
  // A kept column sizes to its buttons; its heading («Thao tác») stays on one line over rows with none.
  const kept = rest
    .slice(rest.length - trailing)
    .map((c): ColumnType<T> => Object.assign({}, c, { width: undefined, onHeaderCell: keptHeading }));
  const main: ColumnType<T> = {
    key: "stacked",
    title: first.title,
    render: (_: unknown, row: T, index: number) => (
      <div className="stacked-cell">
        <div>{cell(first, row, index)}</div>
        {stacked.map((column, i) => (
          <Typography.Text key={String(column.key ?? column.dataIndex ?? i)} className="stacked-line">
            <span className="stacked-label">
              {typeof column.title === "function" ? null : column.title}:{" "}
            </span>
            {cell(column, row, index)}
          </Typography.Text>
        ))}
      </div>
    ),
  };
  return { scroll: undefined, columns: [main, ...kept] };
}
