import { NotAvailable } from "../../components/States.js";

export default function AdminLists(_: { kind: "fields" | "reasons" }) {
  return <NotAvailable />;
}
