/**
 * The macro benchmark of transactions across replicated groups ({@code maftia bench tx}, spec 3.3
 * and 5.3.4): the replicated bank's three groups (a transaction manager and two banks, four sites
 * each) run in the benchmark's JVM, each site with its own threads and TCP links on loopback, and
 * N closed-loop clients transfer money between the banks. A transfer is begin, a withdrawal at one
 * bank and a deposit at the other (each first registering the bank with the transaction manager),
 * and commit (prepare and commit at both banks): a dozen atomic broadcast rounds across three
 * groups, which is what the figures measure.
 */
package org.maftia.bench.tx;
