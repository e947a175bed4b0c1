import type { TableProps } from "antd";
import { Link } from "react-router";
import { readableEmpty, SectionCard } from "../../components/Page.js";
import { StackedTable } from "../../components/StackedTable.js";

/**
 * A list of the board: its title with the count, a small table paged only past `pageSize` rows,
 * `empty` said when it has none (as ListTable does); on a phone its columns read down the screen
 * (StackedTable).
 */
export function BoardSection<T extends object>({
  title,
  rows,
  pageSize,
  empty,
  ...table
}: Omit<TableProps<T>, "dataSource" | "pagination" | "size" | "title" | "scroll" | "locale"> & {
  title: string;
  rows: T[];
  pageSize: number;
  empty: string;
}) {
  return (
    <SectionCard title={`${title} (${rows.length})`}>
      <StackedTable<T>
        dataSource={rows}
        pagination={rows.length > pageSize ? { pageSize } : false}
        locale={readableEmpty(empty)}
        {...table}
      />
    </SectionCard>
  );
}

/** A request's code that opens the request. */
export const RequestLink = ({ code, id }: { code: string; id: string }) => (
  <Link to={`/requests/${id}`}>{code}</Link>
);
