import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api, qs } from "./client.js";

/**
 * One page of a paged list (`{ items, total }`) with its page number and the table's pagination;
 * the previous page stays shown while the next one loads. `key` names the list and its filters:
 * when it changes (a new filter, Back to an earlier one) the list starts again at page 1.
 */
export function usePagedList<T>(key: readonly unknown[], path: string, params: object, pageSize: number) {
  const keyText = JSON.stringify(key);
  const [at, setAt] = useState({ key: keyText, page: 1 });
  const page = at.key === keyText ? at.page : 1;
  const setPage = (next: number) => setAt({ key: keyText, page: next });
  const list = useQuery({
    queryKey: [...key, page],
    queryFn: ({ signal }) =>
      api<{ items: T[]; total: number }>(`${path}${qs({ ...params, page, pageSize })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    onChange: setPage,
  };
  /** The props of a QueryTable of the page: its rows, loading state and pagination. */
  const table = {
    query: list,
    rowKey: "id",
    loading: list.isFetching,
    dataSource: list.data?.items ?? [],
    pagination,
  };
  return { list, setPage, table };
}

/**
 * A paged list under a filter the user sets (the audit, the access log): a new filter starts again
 * at page 1. `key` names the list; the filter is added to it and sent as query parameters. With
 * `inUrl`, those of the filter's values (text) live in the address instead (`?entity=mass_event`):
 * a link or a bookmark opens the list filtered, and each filter applied is a step Back undoes.
 */
export function useFilteredPagedList<T, F extends object>(
  key: readonly unknown[],
  path: string,
  pageSize: number,
  /** Parameters sent with every filter (e.g. the viewer's own agency). */
  fixed: object = {},
  inUrl?: readonly (keyof F & string)[],
) {
  const [own, setOwn] = useState<Partial<F>>({});
  const [params, setParams] = useSearchParams();
  const filter: Partial<F> = inUrl
    ? (Object.fromEntries(inUrl.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as Partial<F>)
    : own;
  const { setPage, table } = usePagedList<T>([...key, filter], path, { ...fixed, ...filter }, pageSize);
  const applyFilter = (next: Partial<F>) => {
    if (inUrl)
      setParams((old) => {
        const p = new URLSearchParams(old);
        for (const k of inUrl) {
          const v = next[k];
          if (typeof v === "string" && v) p.set(k, v);
          else p.delete(k);
        }
        return p;
      });
    else setOwn(next);
    setPage(1);
  };
  return { filter, applyFilter, table };
}
