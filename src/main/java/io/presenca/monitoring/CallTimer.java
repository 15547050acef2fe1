package io.presenca.monitoring;

import io.micrometer.core.instrument.Timer;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Times the steps of any route that call the named beans or carry the named step ids (the external
 * API call, the central PostgreSQL upsert), failed calls included. Done as an intercept strategy so
 * the YAML routes stay as they are and a route edited by the school is timed too.
 */
final class CallTimer implements InterceptStrategy {

    private final Map<String, Timer> timersByName;

    /** {@code timersByName}: by a bean step's bean name or by a step's id. */
    CallTimer(Map<String, Timer> timersByName) {
        this.timersByName = timersByName;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        String name = definition instanceof BeanDefinition bean && bean.getRef() != null ? bean.getRef()
                : definition.getId();
        Timer timer = name == null ? null : timersByName.get(name);
        return timer == null ? target : new Timed(target, timer);
    }

    private static final class Timed extends DelegateAsyncProcessor {
        private final Timer timer;

        Timed(Processor target, Timer timer) {
            super(target);
            this.timer = timer;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            long start = System.nanoTime();
            return processor.process(exchange, doneSync -> {
                timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                callback.done(doneSync);
            });
        }
    }
}
