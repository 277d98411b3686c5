package org.openvisit.launch.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.ehr.OutboundTiming;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Times each launch request and each visit page, and tells the browser in a standard
 * {@code Server-Timing} header how much of it was spent waiting for the EHR ({@code ehr}), how much was
 * OpenVisit's own work ({@code app}), and how much processor time the request's thread used
 * ({@code cpu}): what the launch benchmark reads, and what an administrator sees in the browser's
 * developer tools when a launch feels slow.
 */
@WebFilter({"/launch", "/launch/*", "/visit/*"})
public class LaunchTiming extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<long[]> STARTED = new ThreadLocal<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        STARTED.set(new long[] {System.nanoTime(), cpuNanos()});
        OutboundTiming.start();
        try {
            chain.doFilter(request, response);
        } finally {
            OutboundTiming.clear();
            STARTED.remove();
        }
    }

    /** Sets the header on a launch or visit response about to be written. */
    public static void report(HttpServletResponse response) {
        long[] started = STARTED.get();
        if (started == null) {
            return;
        }
        long total = System.nanoTime() - started[0];
        long ehr = OutboundTiming.waitedNanos();
        long cpu = started[1] < 0 ? -1 : cpuNanos() - started[1];
        response.setHeader("Server-Timing", String.format(Locale.ROOT, "ehr;dur=%.3f, app;dur=%.3f", ehr / 1e6,
                Math.max(0, total - ehr) / 1e6) + (cpu < 0 ? "" : String.format(Locale.ROOT, ", cpu;dur=%.3f", cpu / 1e6)));
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
