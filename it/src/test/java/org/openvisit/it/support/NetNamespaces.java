package org.openvisit.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small internet in Linux network namespaces (iproute2, veth pairs, Debian's iptables), for the tests that prove
 * calls through NAT. Everything it makes carries the prefix {@value #PREFIX}, and everything with that prefix is
 * removed again by {@link #close()} and, for the leftovers of a killed run, before it builds.
 *
 * <pre>
 *   this machine (root namespace)      ovn-wan ("the internet")               routers            browsers
 *   10.213.0.1 (veth, the test's) ---- 10.213.0.2  coturn :3478 UDP/TCP, ---- ovn-rt-home1 ---- ovn-home1
 *   relay to OpenVisit on 127.0.0.1               :443 TCP/TLS                ovn-rt-home2 ---- ovn-home2
 *                                                                              ovn-rt-sym1  ---- ovn-sym1
 *                                                                              ovn-rt-sym2  ---- ovn-sym2
 *                                                                              ovn-rt-fw443 ---- ovn-fw443
 * </pre>
 *
 * Router {@code i} has 10.213.i.2/30 towards the wan (10.213.i.1) and 192.168.i.1/24 towards its browser at
 * 192.168.i.2. The wan routes between the routers' public addresses only: no route leads to a private network behind
 * a router (packets for other addresses leave the wan's default route towards a gateway nobody has, and vanish), and
 * the root namespace does not forward (nothing here reaches the machine's own network). Inside a browser
 * namespace two iptables rules make the shared server's loopback addresses work as they do on the machine:
 * {@code 127.0.0.1:<OpenVisit's port>} goes to the test's relay, {@code 127.0.0.1:<TURN port>} to the wan's coturn
 * (as a DNS name would lead to the public address of each), so the page, its links, cookies and the TURN addresses
 * the server hands out stay exactly those of the shared server.
 */
public final class NetNamespaces implements AutoCloseable {

    public static final String PREFIX = "ovn-";
    public static final String WAN = PREFIX + "wan";
    /** The root namespace's end of its link to the wan, where the test's relay to OpenVisit listens. */
    public static final String ROOT_ADDRESS = "10.213.0.1";
    /** The wan's address on that link: coturn listens and relays here. */
    public static final String WAN_ADDRESS = "10.213.0.2";
    private static final String ROOT_LINK = PREFIX + "root";

    /** How a router treats its browser's traffic. */
    public enum Nat {
        /** {@code MASQUERADE}: the source port is kept where it is free (endpoint-independent mapping). */
        PORT_PRESERVING,
        /** {@code MASQUERADE --random-fully}: a new random port for every destination (endpoint-dependent mapping). */
        SYMMETRIC,
        /** Port-preserving NAT that lets out nothing but TCP to port 443 (a firewall that opens only HTTPS). */
        TCP_443_ONLY
    }

    private final List<String> namespaces = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();

    private NetNamespaces() {
    }

    /**
     * Whether this machine lets the test build namespaces: running as root with iproute2's {@code ip netns} and
     * iptables; null when it does, else why not.
     */
    public static String whyUnavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "iproute2's ip is not installed";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/iptables"))) {
            return "iptables is not installed (apt-get install -y iptables)";
        }
        String probe = PREFIX + "probe";
        try {
            run("ip", "netns", "del", probe);
            Result r = run("ip", "netns", "add", probe);
            run("ip", "netns", "del", probe);
            return r.code == 0 ? null : "ip netns add does not work here: " + r.output.strip();
        } catch (IOException e) {
            return "ip netns does not work here: " + e.getMessage();
        }
    }

    /** Removes what an earlier, killed run may have left, then builds the wan and the root link. */
    public static NetNamespaces create() throws IOException {
        removeLeftovers();
        NetNamespaces net = new NetNamespaces();
        try {
            net.add(WAN);
            net.ip("link", "add", ROOT_LINK, "type", "veth", "peer", "name", PREFIX + "wan-root", "netns", WAN);
            net.ip("addr", "add", ROOT_ADDRESS + "/30", "dev", ROOT_LINK);
            net.ip("link", "set", ROOT_LINK, "up");
            net.in(WAN, "ip", "addr", "add", WAN_ADDRESS + "/30", "dev", PREFIX + "wan-root");
            net.in(WAN, "ip", "link", "set", PREFIX + "wan-root", "up");
            net.in(WAN, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            // the rest of "the internet": a default route into a veth pair of the wan's own, to a gateway MAC that
            // nobody has, so that packets for addresses nobody here has (a browser's private host address, say)
            // vanish as they would out there; without it coturn's send to such a peer fails with "Network is
            // unreachable" and coturn drops the whole allocation (this kernel has no dummy interfaces)
            net.in(WAN, "ip", "link", "add", PREFIX + "void", "type", "veth", "peer", "name", PREFIX + "voidb");
            net.in(WAN, "ip", "addr", "add", "10.213.255.1/30", "dev", PREFIX + "void");
            net.in(WAN, "ip", "link", "set", PREFIX + "void", "up");
            net.in(WAN, "ip", "link", "set", PREFIX + "voidb", "up");
            net.in(WAN, "ip", "neigh", "replace", "10.213.255.2", "lladdr", "02:00:5e:00:53:01", "dev", PREFIX + "void",
                    "nud", "permanent");
            net.in(WAN, "ip", "route", "add", "default", "via", "10.213.255.2", "dev", PREFIX + "void");
            // the root namespace sees every connection to the relay as coming from the wan: no route of its own needed
            net.in(WAN, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", PREFIX + "wan-root", "-j", "MASQUERADE");
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /**
     * A browser namespace {@code name} behind a router {@code ovn-rt-<name>} doing {@code nat}, as network {@code i}
     * (1 to 250). In the browser's namespace, TCP to 127.0.0.1:{@code webPort} goes to the relay on
     * {@link #ROOT_ADDRESS}:{@code relayPort}, and UDP and TCP to 127.0.0.1:{@code turnPort} to the wan's coturn
     * ({@code turnUdp}/{@code turnTcp} on {@link #WAN_ADDRESS}).
     */
    public String behindNat(String name, int i, Nat nat, int webPort, int relayPort, int turnPort, int turnUdp,
                            int turnTcp) throws IOException {
        String host = PREFIX + name;
        String router = PREFIX + "rt-" + name;
        String wanSide = PREFIX + i + "w";
        String routerUp = PREFIX + i + "u";
        String routerDown = PREFIX + i + "d";
        String hostSide = PREFIX + i + "h";
        add(router);
        add(host);
        in(WAN, "ip", "link", "add", wanSide, "type", "veth", "peer", "name", routerUp, "netns", router);
        in(WAN, "ip", "addr", "add", "10.213." + i + ".1/30", "dev", wanSide);
        in(WAN, "ip", "link", "set", wanSide, "up");
        in(router, "ip", "addr", "add", "10.213." + i + ".2/30", "dev", routerUp);
        in(router, "ip", "link", "set", routerUp, "up");
        in(router, "ip", "route", "add", "default", "via", "10.213." + i + ".1");
        in(router, "ip", "link", "add", routerDown, "type", "veth", "peer", "name", hostSide, "netns", host);
        in(router, "ip", "addr", "add", "192.168." + i + ".1/24", "dev", routerDown);
        in(router, "ip", "link", "set", routerDown, "up");
        in(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        List<String> masquerade = new ArrayList<>(List.of("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", routerUp,
                "-j", "MASQUERADE"));
        if (nat == Nat.SYMMETRIC) {
            masquerade.add("--random-fully");
        }
        in(router, masquerade.toArray(String[]::new));
        // like a home router: nothing new comes in from the internet to the router itself (a packet that did would
        // leave a conntrack entry behind that takes the port the router's NAT wants to keep for its browser)
        in(router, "iptables", "-A", "INPUT", "-i", routerUp, "-m", "conntrack", "--ctstate", "NEW,INVALID", "-j", "DROP");
        if (nat == Nat.TCP_443_ONLY) {
            in(router, "iptables", "-P", "FORWARD", "DROP");
            in(router, "iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                    "ACCEPT");
            in(router, "iptables", "-A", "FORWARD", "-i", routerDown, "-o", routerUp, "-p", "tcp", "--dport", "443",
                    "-j", "ACCEPT");
        }
        in(host, "ip", "addr", "add", "192.168." + i + ".2/24", "dev", hostSide);
        in(host, "ip", "link", "set", hostSide, "up");
        in(host, "ip", "route", "add", "default", "via", "192.168." + i + ".1");
        // the shared server's loopback addresses, as the browser's page and ICE servers name them
        in(host, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1");
        in(host, "iptables", "-t", "nat", "-A", "OUTPUT", "-d", "127.0.0.1", "-p", "tcp", "--dport",
                Integer.toString(webPort), "-j", "DNAT", "--to-destination", ROOT_ADDRESS + ":" + relayPort);
        in(host, "iptables", "-t", "nat", "-A", "OUTPUT", "-d", "127.0.0.1", "-p", "udp", "--dport",
                Integer.toString(turnPort), "-j", "DNAT", "--to-destination", WAN_ADDRESS + ":" + turnUdp);
        in(host, "iptables", "-t", "nat", "-A", "OUTPUT", "-d", "127.0.0.1", "-p", "tcp", "--dport",
                Integer.toString(turnPort), "-j", "DNAT", "--to-destination", WAN_ADDRESS + ":" + turnTcp);
        in(host, "iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "127.0.0.1", "-o", hostSide, "-j", "MASQUERADE");
        return host;
    }

    /**
     * The browser of network {@code i} ({@code name}, made by {@link #behindNat}) moves to another address on its home
     * network, {@code 192.168.i.<last>}, as a device does when it moves from Wi-Fi to mobile data: its old address is
     * gone (so are the connections and the NAT mappings made from it), and it reaches the internet from the new one.
     */
    public void moveHost(String name, int i, int last) throws IOException {
        String host = PREFIX + name;
        String hostSide = PREFIX + i + "h";
        in(host, "ip", "addr", "flush", "dev", hostSide);
        in(host, "ip", "addr", "add", "192.168." + i + "." + last + "/24", "dev", hostSide);
        in(host, "ip", "route", "replace", "default", "via", "192.168." + i + ".1");
    }

    /** Starts {@code command} inside namespace {@code ns}, output to {@code output}. */
    public Process start(String ns, Path output, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(Arrays.asList(command));
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Runs {@code command} inside {@code ns}; fails the test when it fails. */
    public String in(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(Arrays.asList(command));
        return check(full.toArray(String[]::new));
    }

    /** What the commands said (for a failing test's message). */
    public String log() {
        return log.toString();
    }

    private void ip(String... arguments) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(Arrays.asList(arguments));
        check(full.toArray(String[]::new));
    }

    private void add(String ns) throws IOException {
        check("ip", "netns", "add", ns);
        namespaces.add(ns);
        in(ns, "ip", "link", "set", "lo", "up");
    }

    private String check(String... command) throws IOException {
        Result r = run(command);
        log.append("$ ").append(String.join(" ", command)).append('\n').append(r.output);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.code + "): " + r.output);
        }
        return r.output;
    }

    /**
     * Removes every namespace, veth and iptables rule this made (the rules and the veths live in the namespaces and
     * go with them; the root's end of the root link goes with its peer) and stops the processes still running in
     * them. Safe to call twice.
     */
    @Override
    public void close() {
        try {
            removeLeftovers();
        } catch (IOException e) {
            throw new IllegalStateException("Could not remove the test's network namespaces: " + e.getMessage(), e);
        } finally {
            namespaces.clear();
        }
    }

    /** Every namespace named {@value #PREFIX}…: its processes stopped (by pid), then the namespace deleted. */
    public static void removeLeftovers() throws IOException {
        for (String ns : existing()) {
            killProcessesIn(ns);
            run("ip", "netns", "del", ns);
        }
        run("ip", "link", "del", ROOT_LINK); // normally gone with its peer in the wan
        // the kernel frees a deleted namespace's veths a moment later; wait until the names may be used again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!existing().isEmpty() && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static List<String> existing() throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : run("ip", "netns", "list").output.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (name.startsWith(PREFIX)) {
                found.add(name);
            }
        }
        return found;
    }

    private static void killProcessesIn(String ns) throws IOException {
        for (int round = 0; round < 20; round++) {
            List<Long> pids = run("ip", "netns", "pids", ns).output.lines().map(String::strip)
                    .filter(s -> s.matches("[0-9]+")).map(Long::parseLong).toList();
            if (pids.isEmpty()) {
                return;
            }
            boolean force = round >= 10;
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    if (force) {
                        p.destroyForcibly();
                    } else {
                        p.destroy();
                    }
                });
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "\n(timed out)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out);
    }
}
