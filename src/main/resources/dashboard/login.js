// The login page's message for ?error=...; a file of its own, as the Content-Security-Policy allows no inline script.
"use strict";

const messages = {
  wrong: "Wrong user name or password.",
  locked: "Too many wrong passwords: wait a minute and try again.",
  off: "Dashboard login is off: nobody has a password. Set DASHBOARD_ADMIN_PASSWORD and restart the gateway, or add a user with: java -jar presenca.jar dashboard-user NAME"
};
const error = new URLSearchParams(location.search).get("error");
if (messages[error]) {
  const p = document.getElementById("message");
  p.textContent = messages[error];
  p.hidden = false;
}
