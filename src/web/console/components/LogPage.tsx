import type { ColumnsType } from "antd/es/table";
import { useFilteredPagedList } from "../api/paged.js";
import { LogFilter, type LogFilterProps, type LogFilterValues } from "./LogFilter.js";
import { Page, QueryTable } from "./Page.js";
import { useStackedColumns } from "./StackedColumns.js";

const PAGE_SIZE = 50;

/**
 * A log page (the audit, the access log): its title, the filter line, then the log from `path`,
 * newest first, 50 entries a page; a new filter starts again at page 1. The query key is
 * ["admin", <the path's last segment>].
 */
export function LogPage<Entry extends object>({
  title,
  path,
  filter,
  scrollX,
  columns,
}: {
  title: string;
  path: string;
  filter: Omit<LogFilterProps, "onApply">;
  scrollX: number;
  columns: ColumnsType<Entry>;
}) {
  const { applyFilter, table } = useFilteredPagedList<Entry, LogFilterValues>(
    ["admin", path.slice(path.lastIndexOf("/") + 1)],
    path,
    PAGE_SIZE,
  );
  // On a phone an entry reads down the screen: its time, then each column as "title: value".
  const stacked = useStackedColumns(columns, { scrollX });
  return (
    <Page title={title}>
      <LogFilter {...filter} onApply={applyFilter} />
      <QueryTable<Entry> {...table} what={title} scroll={stacked.scroll} columns={stacked.columns} />
    </Page>
  );
}
