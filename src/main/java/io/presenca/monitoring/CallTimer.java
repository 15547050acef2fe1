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
 * Times the {@code bean} steps of any route that call the named beans (the external API, the
 * central PostgreSQL), failed calls included. Done as an intercept strategy so the YAML routes
 * stay as they are and a route edited by the school is timed too.
 */
final class CallTimer implements InterceptStrategy {

    private final Map<String, Timer> timersByBean;

    CallTimer(Map<String, Timer> timersByBean) {
        this.timersByBean = timersByBean;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        if (definition instanceof BeanDefinition bean && bean.getRef() != null) {
            Timer timer = timersByBean.get(bean.getRef());
            if (timer != null) {
                return new Timed(target, timer);
            }
        }
        return target;
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
