// Hỏi đáp filters (issue 18.1): a GET form sends every input, even empty ones; leave the empty ones
// out so the address stays short and shareable (/hoi-dap?q=tiem+vac+xin). Without JavaScript the
// form still works: the server treats an empty value as not given.
for (const form of document.querySelectorAll("form[data-drop-empty]")) {
  form.addEventListener("submit", () => {
    for (const el of form.elements) {
      if (el.name && !el.disabled && "value" in el && el.value.trim() === "") {
        el.disabled = true;
        // Re-enabled at once, so the back button shows the form as it was left.
        setTimeout(() => {
          el.disabled = false;
        }, 0);
      }
    }
  });
}
