/**
 * The macro benchmark of a replicated service ({@code maftia bench service}), in the topology of
 * BFT-SMaRt's throughput-latency benchmark so the figures compare: four site processes on
 * loopback, each a JVM hosting one replica ({@code ServiceSite}), and the benchmark's own JVM as
 * the client machine, with N closed-loop clients, each its own client with its own key. A case
 * is a request size and an N: warmed up, then measured (ordered calls per second, and client
 * latency percentiles from an HdrHistogram). Site 0's atomic broadcast rounds are sampled around
 * the measured interval, so the table also says how many requests one round ordered.
 */
package org.maftia.bench.service;
