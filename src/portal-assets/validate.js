// Forms marked data-validate (the follow page's rating form): the submit form's treatment of missing
// fields. The browser's own message (in its language, «Please select an item in the list») gives way
// to the field's data-required message in Vietnamese, shown at the field (its -err slot, aria-invalid),
// and the first field to correct takes the focus. Without JavaScript the browser checks `required`,
// and the server answers the form again with the same messages.
for (const form of document.querySelectorAll("form[data-validate]")) {
  form.noValidate = true;
  const missing = (el) =>
    el.type === "radio" ? !form.querySelector(`input[name="${el.name}"]:checked`) : el.value.trim() === "";
  const show = (el, message) => {
    const slot = document.getElementById(`${el.name}-err`);
    if (slot) {
      slot.textContent = message;
      slot.hidden = !message;
    }
    for (const same of form.querySelectorAll(`[name="${el.name}"]`)) {
      if (message) same.setAttribute("aria-invalid", "true");
      else same.removeAttribute("aria-invalid");
    }
  };
  form.addEventListener("submit", (event) => {
    let first = null;
    for (const el of form.querySelectorAll("[data-required]")) {
      const message = missing(el) ? el.dataset.required : "";
      show(el, message);
      if (message && !first) first = el;
    }
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });
  // A field corrected loses its message at once.
  form.addEventListener("change", (event) => {
    const name = event.target.name;
    const el = name && form.querySelector(`[name="${name}"][data-required]`);
    if (el && !missing(el)) show(el, "");
  });
}
