// Portal submit form (progressive enhancement): inline validation in Vietnamese, proof-of-work
// captcha solved in a worker while the citizen types, multipart upload, then the confirmation page.
(() => {
  const form = document.getElementById("request-form");
  if (!form) return;
  const statusBox = document.getElementById("form-status");
  const button = document.getElementById("submit-btn");
  const captchaStatus = document.getElementById("captcha-status");
  const maxFiles = Number(form.dataset.maxFiles);
  const maxBytes = Number(form.dataset.maxBytes);
  const PHONE = /^(\+?84|0)[\s.-]?[1-9](?:[\s.-]?\d){7,9}$/;
  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const ALLOWED = /\.(jpe?g|png|webp|pdf)$/i;
  // Back from the confirmation, the browser refills this form with what was sent, in a page drawn
  // with a new key: sent again, it is that same request (the same code), not a second one.
  const SENT_KEY = "portal:sent-idempotency-key";
  const navigation = window.performance?.getEntriesByType?.("navigation")[0];
  if (navigation?.type === "back_forward") {
    const sent = rememberedKey();
    if (sent) form.dataset.idempotencyKey = sent;
  }

  /** The key of the last form this tab sent; storage can be off (private modes): then nothing. */
  function rememberedKey(value) {
    try {
      if (value) window.sessionStorage.setItem(SENT_KEY, value);
      return window.sessionStorage.getItem(SENT_KEY);
    } catch {
      return null;
    }
  }

  function setError(name, message) {
    const el = form.elements.namedItem(name);
    const slot = document.getElementById(`${name}-err`);
    if (!slot) return;
    slot.textContent = message || "";
    slot.hidden = !message;
    if (el && "setAttribute" in el) {
      if (message) el.setAttribute("aria-invalid", "true");
      else el.removeAttribute("aria-invalid");
    }
  }

  function check(name) {
    const el = form.elements.namedItem(name);
    if (!el) return "";
    if (name === "attachments") {
      const files = Array.from(el.files || []);
      if (files.length > maxFiles) return `Chỉ được đính kèm tối đa ${maxFiles} tệp.`;
      for (const f of files) {
        if (f.size > maxBytes) return `Tệp “${f.name}” lớn hơn ${maxBytes / 1048576} MB.`;
        if (!ALLOWED.test(f.name))
          return `Tệp “${f.name}” không đúng định dạng (chỉ nhận JPG, PNG, WebP, PDF).`;
      }
      return "";
    }
    const value = (el.value || "").trim();
    if (!value) return el.dataset.required || "";
    // NFKC as the server's schema: fullwidth digits (an IME, a pasted document) are the same number.
    if (name === "phone" && !PHONE.test(value.normalize("NFKC").trim())) return el.dataset.invalid;
    if (name === "email" && !EMAIL.test(value)) return el.dataset.invalid;
    if (name === "content" && value.length < 10) return el.dataset.short;
    return "";
  }

  // The file picker in Vietnamese: the browser's own button speaks the browser's language
  // («Choose Files»), so the input is hidden from sight (still focusable and labelled) behind a
  // button-styled label and the chosen files' names. Without this script the native input stays.
  const files = form.elements.namedItem("attachments");
  if (files) {
    const pick = document.createElement("label");
    pick.htmlFor = files.id;
    pick.className = "btn secondary file-pick";
    pick.textContent = "Chọn tệp…";
    const names = document.createElement("span");
    names.id = "attachments-names";
    names.className = "file-names";
    names.setAttribute("aria-live", "polite");
    const showNames = () => {
      const chosen = Array.from(files.files || []).map((f) => f.name);
      names.textContent = chosen.length
        ? `Đã chọn ${chosen.length} tệp: ${chosen.join(", ")}`
        : "Chưa chọn tệp nào";
    };
    showNames();
    files.classList.add("file-input");
    files.after(pick, names);
    files.addEventListener("change", showNames);
  }

  const checked = ["fullName", "phone", "address", "email", "content", "attachments"];
  for (const name of checked) {
    const el = form.elements.namedItem(name);
    if (!el) continue;
    el.addEventListener(name === "attachments" ? "change" : "blur", () => setError(name, check(name)));
    el.addEventListener("input", () => {
      if (el.getAttribute("aria-invalid") === "true") setError(name, check(name));
    });
  }

  function showStatus(message) {
    statusBox.textContent = message;
    statusBox.hidden = !message;
    if (message) statusBox.scrollIntoView({ block: "center" });
  }

  const isCaptchaRefusal = (body) =>
    body?.error?.code === "CAPTCHA_INVALID" || body?.error?.code === "CAPTCHA_REQUIRED";

  // ---- Proof-of-work captcha (ALTCHA v1: find n with SHA-256(salt + n) = challenge) ----
  let solution = null;
  function solveCaptcha() {
    if (form.dataset.captcha !== "on") return Promise.resolve(null);
    captchaStatus.textContent = "Đang xác minh chống spam…";
    return fetch("/api/v1/public/captcha", { headers: { accept: "application/json" } })
      .then((r) => {
        if (!r.ok) throw new Error("captcha");
        return r.json();
      })
      .then(
        (challenge) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(form.dataset.worker || "/assets/captcha-worker.js");
            worker.onmessage = (e) => {
              worker.terminate();
              if (e.data.number === undefined || e.data.number === null) return reject(new Error("unsolved"));
              const payload = { ...challenge, number: e.data.number, took: e.data.took };
              delete payload.maxnumber;
              captchaStatus.textContent = "Đã xác minh chống spam ✓";
              resolve(btoa(JSON.stringify(payload)));
            };
            worker.onerror = () => reject(new Error("worker"));
            worker.postMessage(challenge);
          }),
      )
      .catch((error) => {
        captchaStatus.textContent =
          "Chưa xác minh được chống spam. Vui lòng kiểm tra kết nối mạng và thử lại.";
        throw error;
      });
  }
  solution = solveCaptcha();
  solution.catch(() => {});

  // The form works now: the "needs JavaScript" notice (shown when scripts are off or fail) goes away.
  document.getElementById("js-required")?.remove();
  button.disabled = false;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showStatus("");
    let first = null;
    for (const name of checked) {
      const message = check(name);
      setError(name, message);
      if (message && !first) first = name;
    }
    if (first) {
      showStatus("Vui lòng kiểm tra lại các mục được đánh dấu.");
      form.elements.namedItem(first).focus();
      return;
    }
    button.disabled = true;
    button.textContent = "Đang gửi…";
    try {
      let captcha = null;
      try {
        captcha = await solution;
      } catch {
        solution = solveCaptcha();
        captcha = await solution;
      }
      const send = async (solved) => {
        const data = new FormData(form);
        if (solved) data.set("captcha", solved);
        const response = await fetch("/api/v1/public/requests", {
          method: "POST",
          body: data,
          // Drawn when the page was rendered: sending this page twice stores one request (issue 15).
          headers: { accept: "application/json", "idempotency-key": form.dataset.idempotencyKey },
        });
        return { response, body: await response.json().catch(() => null) };
      };
      let { response, body } = await send(captcha);
      // The challenge expired while the citizen wrote (30 minutes) or the server restarted with
      // another key: solve a fresh one and send the same content once more, without a second click.
      if (isCaptchaRefusal(body)) {
        solution = solveCaptcha();
        ({ response, body } = await send(await solution));
      }
      if (response.status === 201 && body?.code) {
        rememberedKey(form.dataset.idempotencyKey);
        window.location.assign(
          `/gui-yeu-cau/da-gui?ma=${encodeURIComponent(body.code)}&bn=${encodeURIComponent(body.receipt || "")}`,
        );
        return;
      }
      const error = body?.error || {};
      for (const d of error.details || []) setError(d.field, d.message);
      // This page's earlier submission was recorded with other content: a new key sends this one.
      if (error.code === "IDEMPOTENCY_KEY_REUSED" && window.crypto?.randomUUID) {
        form.dataset.idempotencyKey = window.crypto.randomUUID();
        error.message =
          "Trang này đã gửi một yêu cầu với nội dung khác trước đó. Bấm “Gửi yêu cầu” lần nữa để gửi nội dung này thành yêu cầu mới.";
      }
      if (isCaptchaRefusal(body)) {
        solution = solveCaptcha();
        solution.catch(() => {});
      }
      showStatus(error.message || "Không gửi được yêu cầu. Vui lòng thử lại hoặc gọi 1022.");
    } catch {
      showStatus("Không gửi được yêu cầu do lỗi kết nối. Vui lòng thử lại hoặc gọi 1022.");
    } finally {
      button.disabled = false;
      button.textContent = "Gửi yêu cầu";
    }
  });
})();
