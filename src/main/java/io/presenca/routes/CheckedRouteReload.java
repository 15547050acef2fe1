package io.presenca.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's reload of a route file saved while the gateway runs, with the routes check first: a file with
 * mistakes is not loaded, so the routes running before it go on (Camel alone would remove them, log one
 * WARN and run without them, CAMEL 4.18), and each mistake is logged at its file:line.
 */
public final class CheckedRouteReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(CheckedRouteReload.class);

    private final RouteCheck check;

    public CheckedRouteReload(Path folder, RouteCheck check) {
        super(folder.toString(), false);
        this.check = check;
        setPattern("*.camel.yaml");
        // a file holding several routes reloads wrongly otherwise (CAMEL-24866)
        setRemoveAllRoutes(false);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        List<RouteProblem> problems = new ArrayList<>();
        for (Resource resource : resources) {
            String file = resource.getLocation().replaceFirst("^file:", "");
            try (InputStream in = resource.getInputStream()) {
                problems.addAll(check.check(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                problems.add(new RouteProblem(file, 0, "cannot be read: " + e.getMessage()));
            }
        }
        if (problems.isEmpty()) {
            super.onRouteReload(resources, removeEverything);
        } else {
            LOG.error("Routes not reloaded: the saved file has mistakes, so the routes running before it go on."
                    + " Fix them and save again (check first with 'java -jar presenca.jar routes check FILE'):{}{}",
                    System.lineSeparator(), RouteCheck.describe(problems).stripTrailing());
        }
    }
}
