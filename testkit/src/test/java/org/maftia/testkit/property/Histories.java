package org.maftia.testkit.property;

import org.maftia.testkit.property.TransactionHistory.Outcome;

/** Writes a transaction into a history in one line: {@code "r x 100", "w x 90"}. */
final class Histories {

    private Histories() {
    }

    static void tx(TransactionHistory history, String id, Outcome outcome, String... operations) {
        for (String operation : operations) {
            String[] parts = operation.split(" ");
            long value = Long.parseLong(parts[2]);
            switch (parts[0]) {
                case "r" -> history.read(id, parts[1], value);
                case "w" -> history.write(id, parts[1], value);
                default -> throw new IllegalArgumentException(operation);
            }
        }
        if (outcome != Outcome.UNKNOWN) {
            history.end(id, outcome);
        }
    }
}
