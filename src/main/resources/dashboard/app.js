// The dashboard's pages: JSON from /dashboard/api, rendered with textContent only (names are never parsed as HTML).
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === "class" ? (node.className = v) : node.setAttribute(k, v)));
  children.forEach(c => node.append(c == null ? "" : c));
  return node;
}

// The session's CSRF token, asked for once: every request that changes something must carry it.
// The role only decides what the page offers: the gateway checks it again on every request.
let csrfToken = null;
let session = null;

async function currentSession() {
  if (session === null) {
    const response = await fetch("/dashboard/api/session", { credentials: "same-origin" });
    if (response.status === 401) {
      location.href = "/dashboard/login";
      throw new Error("logged out");
    }
    session = await response.json();
    csrfToken = session.csrfToken;
  }
  return session;
}

async function sessionToken() {
  return (await currentSession()).csrfToken;
}

function isAdmin() {
  return session !== null && session.role === "admin";
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

// A POST of form fields to the API through post (so it carries the CSRF token); the answer's JSON, or its error.
async function postForm(path, fields) {
  const response = await post("/dashboard/api/" + path, new URLSearchParams(fields));
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
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

function selectedDay() {
  return document.getElementById("day").value || today();
}

async function showAttendance() {
  const classes = await api("attendance?date=" + encodeURIComponent(selectedDay()));
  const list = document.getElementById("attendance-list");
  list.replaceChildren();
  if (classes.length === 0) {
    list.append(el("p", { class: "hint" }, "Nobody recorded on this day yet."));
  }
  classes.forEach(c => {
    const rows = c.present.map(p => {
      const row = el("tr", { "data-student": p.studentId, "data-record": p.recordId, class: p.voided ? "voided" : "" },
        el("td", { class: "time" }, p.time), el("td", {}, studentLink(p.studentId, p.name)),
        el("td", { class: "num" }, p.confidence == null ? "" : p.confidence.toFixed(1) + " %"),
        el("td", {}, p.voided ? el("span", { class: "bad" }, "voided") : voidButton(p)),
        el("td", { class: "wide id" }, p.studentId), el("td", { class: "wide" }, p.matcher),
        el("td", { class: "wide" }, p.syncStatus));
      return row;
    });
    list.append(el("h3", {}, c.className + " (" + c.present.length + ")"),
      el("table", { class: "attendance" },
        el("thead", {}, el("tr", {}, el("th", {}, "Time"), el("th", {}, "Name"), el("th", {}, "Confidence"),
          el("th", {}, ""), el("th", { class: "wide" }, "Id"), el("th", { class: "wide" }, "Matcher"),
          el("th", { class: "wide" }, "Central copy"))),
        el("tbody", {}, ...rows)));
  });
}

// Admins only (the gateway refuses anyone else): a wrong automatic record is voided with a reason, never deleted.
function voidButton(record) {
  if (!isAdmin()) {
    return null;
  }
  const button = el("button", { type: "button", class: "secondary small void" }, "Void…");
  button.onclick = () => {
    const form = reasonForm("Why is this record wrong?", "Void record", async reason => {
      await postForm("records/" + encodeURIComponent(record.recordId) + "/void", { reason: reason });
      notice("Record voided: it stays in the audit trail and no longer counts.");
      await refreshDay();
    });
    openBelow(button, form);
  };
  return button;
}

// The form in a row of its own under the button's row: a phone has no room for it beside the name.
function openBelow(button, form) {
  const row = button.closest("tr");
  row.after(el("tr", { class: "form-row" }, el("td", { colspan: String(row.children.length) }, form)));
  button.disabled = true;
  form.querySelector("input").focus();
}

// A small inline form asking for the reason every correction needs; extra fields go before it.
function reasonForm(placeholder, label, onSubmit, ...extra) {
  const reason = el("input", { name: "reason", placeholder: placeholder, required: "required", class: "reason" });
  const form = el("form", { class: "inline-form" }, ...extra, reason, el("button", { type: "submit" }, label));
  form.onsubmit = async event => {
    event.preventDefault();
    try {
      await onSubmit(reason.value);
    } catch (e) {
      notice(e.message);
    }
  };
  return form;
}

function studentLink(id, name) {
  const link = el("a", { href: "#student=" + encodeURIComponent(id), class: "student-link" }, name || id);
  return link;
}

const STATUS_WORDS = { present: "present", late: "late", absent: "absent", excused: "excused", manual: "marked present",
  void: "voided", "not seen yet": "not seen yet", "not marked": "not marked" };

async function showDay() {
  const day = await api("day?date=" + encodeURIComponent(selectedDay()));
  document.getElementById("lesson-csv").href = "/dashboard/api/lessons.csv?date=" + encodeURIComponent(day.date);
  const list = document.getElementById("lesson-list");
  list.replaceChildren();
  if (day.lessons.length === 0) {
    list.append(el("p", { class: "hint" }, "No lessons of your classes on this day in the timetable."));
  }
  day.lessons.forEach(lesson => list.append(lessonCard(lesson)));
}

function lessonCard(lesson) {
  const key = lesson.className + " " + lesson.start;
  const counts = el("div", { class: "counts" },
    ...["present", "late", "absent", "review"].map(k => count(k, lesson.counts[k])),
    ...["excused", "manual", "void"].filter(k => lesson.counts[k] > 0).map(k => count(k, lesson.counts[k])));
  const rows = lesson.students.map(s => {
    const row = el("tr", { "data-student": s.id, class: "status-" + s.status.replace(/ /g, "-") },
      el("td", {}, studentLink(s.id, s.name)),
      el("td", { class: "status" }, STATUS_WORDS[s.status] || s.status),
      el("td", { class: "time" }, s.firstSeen || ""),
      el("td", { class: "actions" }, s.status === "present" || s.status === "manual" ? null : markButton(lesson, s)));
    return row;
  });
  return el("div", { class: "lesson", "data-lesson": key },
    el("h3", {}, lesson.className + " ", el("span", { class: "time" }, lesson.start + "–" + lesson.end),
      el("span", { class: "hint" }, lesson.ended ? " ended" : "")),
    counts,
    rows.length === 0 ? el("p", { class: "hint" }, "No students in this class.")
      : el("table", { class: "lesson-students" }, el("tbody", {}, ...rows)));
}

function count(kind, n) {
  const words = { present: "present", late: "late", absent: "absent", review: "to review", excused: "excused",
    manual: "marked", void: "voided" };
  return el("span", { class: "count count-" + kind, "data-count": kind }, el("b", { class: "num" }, String(n)), " " + words[kind]);
}

// A teacher marks a student present or excused for this lesson, with a reason (kept with their name).
function markButton(lesson, student) {
  const button = el("button", { type: "button", class: "secondary small mark" }, "Mark…");
  button.onclick = () => {
    const status = el("select", { name: "status" }, el("option", { value: "present" }, "present"),
      el("option", { value: "excused" }, "excused"));
    const form = reasonForm("Reason", "Save", async reason => {
      await postForm("lessons/mark", { student: student.id, class: lesson.className, date: lesson.date,
        start: lesson.start, status: status.value, reason: reason });
      notice((student.name || student.id) + " marked " + status.value + " for " + lesson.className + " " + lesson.start + ".");
      await refreshDay();
    }, status);
    openBelow(button, form);
  };
  return button;
}

async function showStudentPage() {
  const match = location.hash.match(/^#student=(.+)$/);
  const page = document.getElementById("student-page");
  if (!match) {
    page.hidden = true;
    return;
  }
  const h = await api("students/" + encodeURIComponent(decodeURIComponent(match[1])) + "/history");
  document.getElementById("student-title").textContent = (h.name || h.id) + " (" + h.id + ")" + (h.className ? ", " + h.className : "");
  const table = (headers, rows) => rows.length === 0 ? el("p", { class: "hint" }, "None.")
    : el("table", {}, el("thead", {}, el("tr", {}, ...headers.map(t => el("th", {}, t)))), el("tbody", {}, ...rows));
  document.getElementById("student-history").replaceChildren(
    el("h3", {}, "Lessons"),
    table(["Date", "Lesson", "Status"], h.lessons.map(l => el("tr", {}, el("td", { class: "time" }, l.date),
      el("td", { class: "time" }, l.className + " " + l.start), el("td", {}, STATUS_WORDS[l.status] || l.status)))),
    el("h3", {}, "Records"),
    table(["Time", "Confidence", "Matcher", ""], h.records.map(r => el("tr", { "data-record": r.id, class: r.voidedBy ? "voided" : "" },
      el("td", { class: "time" }, r.capturedAt), el("td", { class: "num" }, r.confidence == null ? "" : r.confidence.toFixed(1) + " %"),
      el("td", {}, r.matcher), el("td", {}, r.voidedBy ? "voided by " + r.voidedBy + ": " + r.voidReason : "")))),
    el("h3", {}, "Manual marks and voids"),
    table(["When", "Who", "What", "Why"], h.corrections.map(c => el("tr", {}, el("td", { class: "time" }, c.at),
      el("td", {}, c.who), el("td", {}, c.action + (c.subject ? ", " + c.subject : "")), el("td", {}, c.reason)))));
  page.hidden = false;
  page.scrollIntoView();
}

async function decide(id, action) {
  try {
    await api("reviews/" + encodeURIComponent(id) + "/" + action, { method: "POST" });
    notice(action === "accept" ? "Accepted: attendance recorded." : "Rejected: kept as not this student.");
  } catch (e) {
    notice(e.message);
  }
  await Promise.all([showReviews(), refreshDay()]);
}

async function showReviews() {
  const items = await api("reviews");
  const list = document.getElementById("review-list");
  list.replaceChildren();
  if (items.length === 0) {
    list.append(el("p", { class: "hint", id: "review-empty" }, "Nothing to review."));
  }
  items.forEach(item => {
    const candidateName = item.studentName || item.studentId;
    const question = el("div", { class: "who" },
      el("strong", { class: "question" }, item.question),
      el("div", { class: "hint" }, "Seen " + item.capturedAt + ", " + item.confidence.toFixed(1) + " % sure"));
    const accept = el("button", { type: "button", class: "accept" }, "Yes, it is " + candidateName);
    accept.onclick = () => decide(item.id, "accept");
    const reject = el("button", { type: "button", class: "secondary reject" }, "No");
    reject.onclick = () => decide(item.id, "reject");
    const photos = el("div", { class: "faces" },
      figure("/dashboard/api/reviews/" + encodeURIComponent(item.id) + "/face.jpg", "Seen at the door", "captured"),
      figure(enrolledPhoto(item.studentId), candidateName, "candidate"),
      item.runnerUpId ? figure(enrolledPhoto(item.runnerUpId), item.runnerUpName || item.runnerUpId, "runner-up") : null);
    list.append(el("div", { class: "card review-item", "data-id": item.id }, photos, question,
      el("div", { class: "buttons" }, accept, reject)));
  });
}

function enrolledPhoto(studentId) {
  return "/dashboard/api/students/" + encodeURIComponent(studentId) + "/photo.jpg";
}

function figure(src, caption, kind) {
  return el("figure", { class: kind }, el("img", { src: src, alt: caption }), el("figcaption", {}, caption));
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
    el("td", {}, b.started), el("td", {}, b.sent), el("td", {}, b.accepted), el("td", { class: "wide" }, b.rejected),
    el("td", { class: "wide" }, b.failed), el("td", { class: "wide" }, b.error || ""))));
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
document.getElementById("day").onchange = () => refreshDay().catch(e => notice(e.message));
document.getElementById("student-close").onclick = () => {
  history.replaceState(null, "", "#day-view");
  showStudentPage();
};
window.onhashchange = () => showStudentPage().catch(e => notice(e.message));

function refreshDay() {
  return Promise.all([showDay(), showAttendance()]);
}

function device() {
  return isAdmin() ? showDevice() : null;
}

async function refresh() {
  try {
    const s = await currentSession();
    document.getElementById("role-hint").textContent = s.role === "admin" ? "Signed in as " + s.user + " (admin: every class)."
      : "Signed in as " + s.user + ", teacher of " + s.classes.join(", ") + ".";
    document.querySelectorAll(".admin-only").forEach(e => (e.hidden = s.role !== "admin"));
    await Promise.all([refreshDay(), showReviews(), showStudents(), device(), showStudentPage()]);
  } catch (e) {
    notice(e.message);
  }
}
refresh();
// not while someone is typing a reason: the refresh would replace their form
setInterval(() => document.querySelector(".inline-form") ? null : Promise.all([refreshDay(), device()]).catch(() => {}), 15000);
