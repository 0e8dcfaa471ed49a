/**
 * What the macro benchmarks ({@code bench service}, {@code bench tx}) share: their options'
 * values parsed strictly with one-line errors ({@link org.maftia.bench.harness.OptionValues}) and
 * the measured interval of a closed-loop run ({@link org.maftia.bench.harness.MeasurementWindow}).
 */
package org.maftia.bench.harness;
