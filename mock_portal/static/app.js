// The "…" menu as a modal action sheet; everything else works without script.
document.addEventListener("click", (event) => {
  const opener = event.target.closest("[data-opens]");
  if (opener) {
    document.getElementById(opener.dataset.opens).showModal();
    return;
  }
  const closer = event.target.closest("[data-closes]");
  if (closer) {
    closer.closest("dialog").close();
  }
});
// One submission per form: a second tap while the first is on its way does nothing.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
});
// The SMS resend countdown ticks on the page's own clock.
for (const button of document.querySelectorAll("[data-countdown-seconds]")) {
  const until = Date.now() + Number(button.dataset.countdownSeconds) * 1000;
  const label = button.dataset.label;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left > 0) {
      button.disabled = true;
      button.textContent = `${left}秒后重新获取`;
      setTimeout(tick, 250);
    } else {
      button.disabled = false;
      button.textContent = label;
    }
  };
  tick();
}
