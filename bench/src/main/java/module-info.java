/**
 * The benchmarks: an application, it exports nothing. Open, because JMH loads the benchmark
 * classes and the stubs it generates next to them by reflection, and the network benchmark's
 * event is created by reflection in the network module. The service benchmark's site processes
 * run from the same jar ({@code org.maftia.bench.service}); the transaction benchmark
 * ({@code org.maftia.bench.tx}) runs the replicated bank in its own process.
 */
open module org.maftia.bench {
    requires org.maftia.appia;
    requires org.maftia.net;
    requires org.maftia.crypto;
    requires org.maftia.ttcb;
    requires org.maftia.group;
    requires org.maftia.replication;
    requires org.maftia.tx;
    // JMH's jar declares no module name, so this is its file name's.
    requires jmh.core;
    requires HdrHistogram;
    requires java.management;
    requires jdk.management;
}
