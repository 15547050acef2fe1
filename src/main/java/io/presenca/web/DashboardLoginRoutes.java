package io.presenca.web;

/**
 * The only dashboard endpoints open without a session: the login page, the two files it loads, and
 * the login form (which, changing state, must still come from the dashboard's own page).
 * {@code DashboardRoutesTest} holds this list to these four.
 */
final class DashboardLoginRoutes extends DashboardRouteBuilder {

    DashboardLoginRoutes(Dashboard dashboard, DashboardGuard guard) {
        super(dashboard, guard::fromOwnPage);
    }

    @Override
    void endpoints() {
        get("/login", call -> dashboard.asset("login.html"));
        post("/login", dashboard::logIn);
        get("/assets/style.css", call -> dashboard.asset("style.css"));
        get("/assets/login.js", call -> dashboard.asset("login.js"));
    }
}
