import { NotAvailable } from "../../components/States.js";

export default function AdminAgencies() {
  return <NotAvailable />;
}
