import { NotAvailable } from "../../components/States.js";

export default function AdminCalendar() {
  return <NotAvailable />;
}
