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
  return useListPage<T>(key, path, params, pageSize, page, (next) => setAt({ key: keyText, page: next }));
}

/** Page `page` of the list, wherever the page number is kept (the component's state, the address). */
function useListPage<T>(
  key: readonly unknown[],
  path: string,
  params: object,
  pageSize: number,
  page: number,
  setPage: (next: number) => void,
) {
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
 * `inUrl`, those of the filter's values (text) live in the address instead (`?entity=mass_event`),
 * and so does the page past the first (`&page=3`): a link, a bookmark or a reload opens the list
 * filtered at that page, and each filter applied or page turned is a step Back undoes.
 */
export function useFilteredPagedList<T, F extends object>(
  key: readonly unknown[],
  path: string,
  pageSize: number,
  /** Parameters sent with every filter (e.g. the viewer's own agency). */
  fixed: object = {},
  inUrl?: readonly (keyof F & string)[],
) {
  const [own, setOwn] = useState<{ filter: Partial<F>; page: number }>({ filter: {}, page: 1 });
  const [params, setParams] = useSearchParams();
  const filter: Partial<F> = inUrl
    ? (Object.fromEntries(inUrl.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as Partial<F>)
    : own.filter;
  const page = inUrl ? pageIn(params) : own.page;
  /** The address with `write` applied and the page set (page 1 is the address without one). */
  const address = (write: (p: URLSearchParams) => void, next: number) =>
    setParams((old) => {
      const p = new URLSearchParams(old);
      write(p);
      if (next > 1) p.set("page", String(next));
      else p.delete("page");
      return p;
    });
  const setPage = (next: number) => {
    if (inUrl) address(() => {}, next);
    else setOwn((o) => ({ ...o, page: next }));
  };
  const { table } = useListPage<T>([...key, filter], path, { ...fixed, ...filter }, pageSize, page, setPage);
  const applyFilter = (next: Partial<F>) => {
    if (inUrl)
      address((p) => {
        for (const k of inUrl) {
          const v = next[k];
          if (typeof v === "string" && v) p.set(k, v);
          else p.delete(k);
        }
      }, 1);
    else setOwn({ filter: next, page: 1 });
  };
  return { filter, applyFilter, table };
}

/** The page an address names (`page=3`); page 1 when it names none or nonsense. */
function pageIn(params: URLSearchParams): number {
  const page = Number(params.get("page"));
  return Number.isInteger(page) && page > 1 ? page : 1;
}
