import { NotAvailable } from "../../components/States.js";

export default function AdminUsers() {
  return <NotAvailable />;
}
