package io.presenca.web;

/**
 * Every dashboard endpoint behind the login: each passes {@link DashboardGuard#signedIn} (a session,
 * and for a POST the dashboard's own Origin and the session's CSRF token) before it runs. Roles are
 * checked by the endpoint itself: a teacher sees only their classes, only an admin voids or sees the
 * device page.
 */
final class DashboardRoutes extends DashboardRouteBuilder {

    DashboardRoutes(Dashboard dashboard, DashboardGuard guard) {
        super(dashboard, guard::signedIn);
    }

    @Override
    void endpoints() {
        get("", call -> dashboard.asset("index.html")); // Vert.x matches "/dashboard/" too
        get("/assets/app.js", call -> dashboard.asset("app.js"));
        post("/logout", dashboard::logOut);
        get("/api/session", dashboard::session);
        get("/api/day", dashboard::day);
        get("/api/lessons.csv", dashboard::lessonsCsv);
        post("/api/lessons/mark", dashboard::mark);
        post("/api/records/{id}/void", dashboard::voidRecord);
        get("/api/attendance", dashboard::attendance);
        get("/api/export.csv", dashboard::export);
        get("/api/reviews", dashboard::reviews);
        get("/api/reviews/{id}/face.jpg", dashboard::reviewFace);
        post("/api/reviews/{id}/accept", dashboard::accept);
        post("/api/reviews/{id}/reject", dashboard::reject);
        get("/api/students", dashboard::students);
        get("/api/students/{id}/history", dashboard::studentHistory);
        get("/api/students/{id}/photo.jpg", dashboard::studentPhoto);
        get("/api/status", dashboard::status);
        post("/api/sync/retry-dead", dashboard::retryDead);
        // Last, as Vert.x tries paths in the order they were added: any other GET under /dashboard is
        // refused like the others without a session (401 or the login) and answered 404 with one.
        get("/*", dashboard::notFound);
    }
}
