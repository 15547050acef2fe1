package io.presenca.routes;

import io.presenca.config.Settings;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * What keeps a route mistake from passing unnoticed in a running gateway: a route that cannot start is
 * logged as a WARN at each attempt ({@link FailedRouteStarts}), and a route file saved in the edited
 * folder is checked before Camel reloads it ({@link CheckedRouteReload}).
 */
public final class RouteSafety extends MainListenerSupport {

    private final Path editedFolder;
    private final Settings settings;

    /** {@code editedFolder}: the routes folder watched for edits, or null when the jar's routes run. */
    public RouteSafety(Path editedFolder, Settings settings) {
        this.editedFolder = editedFolder;
        this.settings = settings;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        try {
            camel.getManagementStrategy().addEventNotifier(new FailedRouteStarts());
            if (editedFolder != null) {
                camel.addService(new CheckedRouteReload(editedFolder, RouteCheck.ofGateway(settings)));
            }
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }
}
