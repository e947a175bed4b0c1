import { NotAvailable } from "../../components/States.js";

export default function AdminKb() {
  return <NotAvailable />;
}
