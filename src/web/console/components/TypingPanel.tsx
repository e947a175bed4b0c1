import { List, Typography } from "antd";
import type { ReactNode } from "react";
import { SectionCard } from "./Page.js";
import { ErrorState } from "./States.js";

/**
 * A panel that follows what is typed (the desk's Q&A suggestions and duplicates, the Q&A lookup):
 * `hint` while the text says too little to search, the error (with a retry), then the matches or
 * `empty`.
 */
export function TypingPanel<T>({
  title,
  hint,
  query,
  items,
  empty,
  renderItem,
}: {
  title: string;
  hint: string | undefined;
  query: { isError: boolean; error: unknown; isFetching: boolean; refetch: () => unknown };
  items: T[];
  empty: string;
  renderItem: (item: T, index: number) => ReactNode;
}) {
  const body = () => {
    if (hint) return <Typography.Text type="secondary">{hint}</Typography.Text>;
    if (query.isError)
      return <ErrorState error={query.error} what={title} onRetry={() => void query.refetch()} />;
    return (
      <List
        className="stack-narrow"
        size="small"
        loading={query.isFetching}
        dataSource={items}
        locale={{ emptyText: <Typography.Text type="secondary">{empty}</Typography.Text> }}
        renderItem={renderItem}
      />
    );
  };
  return <SectionCard title={title}>{body()}</SectionCard>;
}
