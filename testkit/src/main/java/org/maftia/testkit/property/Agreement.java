package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.List;

/**
 * Agreement (spec 5.2.1: ABBA, VBA, and the broadcasts' consistency): no two honest sites decide or
 * deliver different values; and totality: if one honest site delivers, every honest site does.
 */
public final class Agreement {

    private Agreement() {
    }

    /** Every honest site that decided, decided the same first value. */
    public static <V> void check(DeliveryLog<V> log) {
        Integer first = null;
        for (int site : log.sites()) {
            List<V> got = log.at(site);
            if (got.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = site;
            } else if (!Values.equal(got.getFirst(), log.at(first).getFirst())) {
                throw new PropertyViolation("agreement", List.of(first, site), "site " + first + " decided "
                        + Values.show(log.at(first).getFirst()) + " but site " + site + " decided " + Values.show(got.getFirst())
                        + " (" + log.what() + ")");
            }
        }
    }

    /** Every honest site delivered as many values as every other (all or none, for a single value). */
    public static <V> void totality(DeliveryLog<V> log) {
        int most = log.sites().stream().mapToInt(s -> log.at(s).size()).max().orElse(0);
        List<Integer> behind = new ArrayList<>();
        for (int site : log.sites()) {
            if (log.at(site).size() < most) {
                behind.add(site);
            }
        }
        if (!behind.isEmpty()) {
            int ahead = log.sites().stream().filter(s -> log.at(s).size() == most).findFirst().orElseThrow();
            throw new PropertyViolation("totality", behind, "delivered " + behind.stream().map(s -> log.at(s).size()).toList()
                    + " of the " + most + " values site " + ahead + " delivered (" + log.what() + ")");
        }
    }
}
