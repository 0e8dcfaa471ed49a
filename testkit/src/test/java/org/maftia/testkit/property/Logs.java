package org.maftia.testkit.property;

import java.util.List;

/** Small logs for the checkers' tests. */
final class Logs {

    private Logs() {
    }

    /** A log of honest sites 0..{@code perSite.length - 1}, site i having delivered {@code perSite[i]}. */
    @SafeVarargs
    static <V> DeliveryLog<V> of(List<V>... perSite) {
        DeliveryLog<V> log = DeliveryLog.of(java.util.stream.IntStream.range(0, perSite.length).boxed().toList());
        for (int site = 0; site < perSite.length; site++) {
            for (V v : perSite[site]) {
                log.record(site, v);
            }
        }
        return log;
    }
}
