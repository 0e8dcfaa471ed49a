package org.maftia.ttcb.core;

import org.maftia.ttcb.Tag;

/**
 * Issues the tags of one local TTCB. Agreement tags and the tags of the time services come from
 * two disjoint sequences (even and odd numbers), so a tag handed to the wrong call is recognised
 * as unknown, and an agreement tag below the next one issued is known to have ended.
 */
final class TagSource {

    private final int self;
    private long nextAgreement;
    private long nextAction;

    TagSource(int self) {
        this.self = self;
    }

    Tag agreement() {
        return new Tag(self, 2 * nextAgreement++);
    }

    Tag action() {
        return new Tag(self, 2 * nextAction++ + 1);
    }

    boolean isIssuedAgreement(Tag tag) {
        return tag.ttcb() == self && tag.number() % 2 == 0 && tag.number() / 2 < nextAgreement;
    }
}
