// The "…" menu opens with invoker commands (commandfor/command="show-modal"): no script is needed,
// so a tap before this file has loaded still opens it.
// One submission per form: a second tap while the first is on its way does nothing.
// Forms marked data-enhanced submit in the background, so a slow answer shows progress and a
// failed one (an error status or a dropped connection) shows what happened and a retry; the
// portal makes the retry safe (a closure is submitted once however often it is retried).
// What the script says comes with the page, in the page's language (#portal-strings, i18n.py);
// it is read each time, since a background submission replaces the page's body.
function say(key, fields = {}) {
  const strings = JSON.parse(document.getElementById("portal-strings")?.textContent || "{}");
  return (strings[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(fields[name] ?? ""));
}

function showProgress(form) {
  const toast = document.createElement("div");
  toast.className = "weui-toast progress-toast";
  toast.setAttribute("role", "status");
  toast.innerHTML = '<i class="weui-loading weui-icon_toast" aria-hidden="true"></i><p class="weui-toast__content"></p>';
  toast.querySelector("p").textContent = say("submitting");
  document.body.append(toast);
  return toast;
}

function showRetry(form, message) {
  let box = form.querySelector(".submit-failed");
  if (!box) {
    box = document.createElement("div");
    box.className = "submit-failed";
    box.setAttribute("role", "alert");
    form.prepend(box);
  }
  box.innerHTML = "";
  const text = document.createElement("p");
  text.className = "form-error";
  text.textContent = `${message} ${say("safeRetry")}`;
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "weui-btn weui-btn_default";
  retry.textContent = say("retry");
  retry.addEventListener("click", () => form.requestSubmit());
  box.append(text, retry);
}

async function submitInBackground(form) {
  const toast = showProgress(form);
  try {
    const response = await fetch(form.action || location.href, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
    const html = await response.text();
    if (response.status >= 500) {
      showRetry(form, say("busy"));
      return;
    }
    if (response.redirected) {
      location.assign(response.url);
      return;
    }
    const next = new DOMParser().parseFromString(html, "text/html");
    document.title = next.title;
    document.body.replaceWith(next.body);
  } catch (problem) {
    showRetry(form, say("offline"));
  } finally {
    toast.remove();
    delete form.dataset.submitted;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  if (form.hasAttribute("data-enhanced")) {
    event.preventDefault();
    submitInBackground(form);
  }
});
// The SMS resend countdown ticks on the page's own clock.
for (const button of document.querySelectorAll("[data-countdown-seconds]")) {
  const until = Date.now() + Number(button.dataset.countdownSeconds) * 1000;
  const label = button.dataset.label;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left > 0) {
      button.disabled = true;
      button.textContent = say("countdown", { seconds: left });
      setTimeout(tick, 250);
    } else {
      button.disabled = false;
      button.textContent = label;
    }
  };
  tick();
}
