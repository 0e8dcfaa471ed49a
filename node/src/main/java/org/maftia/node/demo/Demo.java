package org.maftia.node.demo;

import java.time.Duration;

/** A demo the command line runs: true when it showed what it claims within {@code timeout}. */
public interface Demo {

    /** @throws DemoTimeoutException if it did not finish within {@code timeout}, saying what it waited for */
    boolean run(Duration timeout) throws Exception;
}
