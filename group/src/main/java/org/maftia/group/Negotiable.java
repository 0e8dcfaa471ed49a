package org.maftia.group;

/** What an agreement protocol is asked to agree on and answers with (spec 3.2, marker interface). */
public interface Negotiable {
}
