/**
 * The school's dashboard, served by the gateway itself on the management port: a login, then
 * today's attendance, the review queue, students and their enrollment photos, device and sync
 * status, and CSV export. Pages are static files from the {@code dashboard/} classpath folder (no
 * CDN: they work offline) that call a small JSON API; every path but the login needs a session.
 */
package io.presenca.web;
