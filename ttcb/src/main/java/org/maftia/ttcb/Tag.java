package org.maftia.ttcb;

/**
 * A unique id for one execution of a service, given by the local TTCB that issued it (spec 2.2,
 * Figure 2.6). The issuing TTCB is part of the tag so tags of distributed actions are unique among
 * all local TTCBs.
 */
public record Tag(int ttcb, long number) {

    public Tag {
        if (ttcb < 0 || number < 0) {
            throw new IllegalArgumentException("a tag has non-negative parts, not " + ttcb + ":" + number);
        }
    }

    @Override
    public String toString() {
        return "t" + ttcb + ":" + number;
    }
}
