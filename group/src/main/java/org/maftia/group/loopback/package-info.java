/**
 * Every site of a group in one JVM over real TCP on loopback, with keys dealt in the process: for
 * the demos, the integration tests and the benchmarks. Not part of the application API (the
 * module exports it to the command line and the benchmarks only).
 */
package org.maftia.group.loopback;
