// The dashboard's pages: JSON from /dashboard/api, rendered with textContent only (names are never parsed as HTML).
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === "class" ? (node.className = v) : node.setAttribute(k, v)));
  children.forEach(c => node.append(c == null ? "" : c));
  return node;
}

// The session's CSRF token, asked for once: every request that changes something must carry it.
let csrfToken = null;

async function sessionToken() {
  if (csrfToken === null) {
    const response = await fetch("/dashboard/api/session", { credentials: "same-origin" });
    if (response.status === 401) {
      location.href = "/dashboard/login";
      throw new Error("logged out");
    }
    csrfToken = (await response.json()).csrfToken;
  }
  return csrfToken;
}

// The one way this page talks to the gateway: anything but GET gets the CSRF token header, so a new
// action is protected by calling this (or post below) instead of fetch.
async function send(url, options) {
  const request = Object.assign({ method: "GET", credentials: "same-origin" }, options);
  request.method = request.method.toUpperCase();
  if (request.method !== "GET" && request.method !== "HEAD") {
    request.headers = Object.assign({}, request.headers, { "X-CSRF-Token": await sessionToken() });
  }
  const response = await fetch(url, request);
  if (response.status === 401) {
    location.href = "/dashboard/login";
    throw new Error("logged out");
  }
  return response;
}

function post(url, body) {
  return send(url, { method: "POST", body: body });
}

async function api(path, options) {
  const response = await send("/dashboard/api/" + path, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

function notice(text) {
  const p = document.getElementById("notice");
  p.textContent = text;
  p.hidden = !text;
}

function today() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

async function showAttendance() {
  const day = document.getElementById("day").value || today();
  const classes = await api("attendance?date=" + encodeURIComponent(day));
  const list = document.getElementById("attendance-list");
  list.replaceChildren();
  if (classes.length === 0) {
    list.append(el("p", { class: "hint" }, "Nobody recorded on this day yet."));
  }
  classes.forEach(c => {
    const rows = c.present.map(p => el("tr", { "data-student": p.studentId },
      el("td", {}, p.time), el("td", {}, p.name || p.studentId), el("td", {}, p.studentId),
      el("td", {}, p.confidence == null ? "" : p.confidence.toFixed(1) + " %"), el("td", {}, p.matcher),
      el("td", {}, p.syncStatus)));
    list.append(el("h3", {}, c.className + " (" + c.present.length + ")"),
      el("table", { class: "attendance" },
        el("thead", {}, el("tr", {}, el("th", {}, "Time"), el("th", {}, "Name"), el("th", {}, "Id"),
          el("th", {}, "Confidence"), el("th", {}, "Matcher"), el("th", {}, "Sync"))),
        el("tbody", {}, ...rows)));
  });
}

async function decide(id, action) {
  try {
    await api("reviews/" + encodeURIComponent(id) + "/" + action, { method: "POST" });
    notice(action === "accept" ? "Accepted: attendance recorded." : "Rejected: kept as not this student.");
  } catch (e) {
    notice(e.message);
  }
  await Promise.all([showReviews(), showAttendance()]);
}

async function showReviews() {
  const items = await api("reviews");
  const list = document.getElementById("review-list");
  list.replaceChildren();
  if (items.length === 0) {
    list.append(el("p", { class: "hint", id: "review-empty" }, "Nothing to review."));
  }
  items.forEach(item => {
    const candidates = el("div", { class: "who" },
      el("div", {}, el("strong", {}, item.studentName || item.studentId), " (" + item.studentId + "), ",
        item.confidence.toFixed(1) + " %"),
      item.runnerUpId ? el("div", { class: "hint" }, "or " + (item.runnerUpName || item.runnerUpId) + " (" + item.runnerUpId + ")") : null,
      el("div", { class: "hint" }, item.capturedAt + ", " + item.reason.replace("_", " ")));
    const accept = el("button", { type: "button", class: "accept" }, "Accept");
    accept.onclick = () => decide(item.id, "accept");
    const reject = el("button", { type: "button", class: "secondary reject" }, "Reject");
    reject.onclick = () => decide(item.id, "reject");
    list.append(el("div", { class: "card review-item", "data-id": item.id },
      el("img", { src: "/dashboard/api/reviews/" + encodeURIComponent(item.id) + "/face.jpg", alt: "face" }),
      candidates, accept, reject));
  });
}

async function showStudents() {
  const students = await api("students");
  const list = document.getElementById("student-list");
  list.replaceChildren();
  if (students.length === 0) {
    list.append(el("p", { class: "hint" }, "No students yet: put photos in FACES_DIR/<student id>/."));
  }
  students.forEach(s => {
    const photos = el("ul", {}, ...s.photos.map(p => el("li", {},
      el("span", { class: p.status === "accepted" ? "ok" : "bad" }, p.status), " " + p.file + (p.reason ? ": " + p.reason : ""))));
    list.append(el("div", { class: "card student" },
      el("div", { class: "who" }, el("strong", {}, s.name || s.id), " (" + s.id + ") " + (s.className || ""),
        el("div", { class: s.enrollment === "enrolled" ? "ok" : "bad" }, s.enrollment),
        el("div", { class: "consent " + (s.consentGiven ? "ok" : "bad") }, "Guardian consent: " + s.consent), photos)));
  });
}

async function showDevice() {
  const s = await api("status");
  const dl = document.getElementById("device-status");
  const rows = [
    ["Device", s.device], ["Camera", (s.cameraConnected ? "reading " : "not reading ") + s.cameraSource],
    ["Frames since start", s.frames], ["Recorded since start", s.recordedSinceStart],
    ["Review queue", s.reviewQueue], ["Records", Object.entries(s.records).map(([k, v]) => k + " " + v).join(", ")],
    ["Oldest unsynced", s.oldestUnsyncedMinutes + " min"], ["Central sync", s.syncEnabled ? "on" : "off"],
    ["Sync problem", s.syncProblem || "none"],
    ["Old, nobody has looked", s.keptUntilSeen ? "⚠ " + s.keptUntilSeen + " rejected/dead records or open review items kept until someone deals with them" : "none"]];
  dl.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))]));
  document.getElementById("dead-list").replaceChildren(...s.deadLetters.map(d => el("li", {}, d.id + ": " + d.error)));
  document.getElementById("batch-list").replaceChildren(...s.recentBatches.map(b => el("tr", {},
    el("td", {}, b.started), el("td", {}, b.sent), el("td", {}, b.accepted), el("td", {}, b.rejected),
    el("td", {}, b.failed), el("td", {}, b.error || ""))));
}

document.getElementById("retry-dead").onclick = async () => {
  try {
    notice((await api("sync/retry-dead", { method: "POST" })).message);
  } catch (e) {
    notice(e.message);
  }
  await showDevice();
};

document.getElementById("logout").onclick = async () => {
  const response = await post("/dashboard/logout");
  location.href = response.redirected ? response.url : "/dashboard/login";
};

document.getElementById("day").value = today();
document.getElementById("export-from").value = today();
document.getElementById("export-to").value = today();
document.getElementById("day").onchange = showAttendance;

function refresh() {
  return Promise.all([showAttendance(), showReviews(), showStudents(), showDevice()]).catch(e => notice(e.message));
}
refresh();
setInterval(() => Promise.all([showAttendance(), showDevice()]).catch(() => {}), 15000);
