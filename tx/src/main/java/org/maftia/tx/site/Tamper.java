package org.maftia.tx.site;

import org.maftia.replication.ReplicatedService;
import org.maftia.replication.outcall.OutcallDriver;

/**
 * What a corrupted replica does differently, at the three places a replica touches others: the
 * replies its service gives, the calls it sends to other groups, and the votes it casts in its
 * own. An honest replica is {@link #NONE}. The bank demo and the tests corrupt one replica per
 * group with it, to show the others outvote it.
 */
public interface Tamper {

    Tamper NONE = new Tamper() {
    };

    default ReplicatedService service(ReplicatedService honest) {
        return honest;
    }

    default OutcallDriver.Callee callee(String name, OutcallDriver.Callee honest) {
        return honest;
    }

    default OutcallDriver.Group self(OutcallDriver.Group honest) {
        return honest;
    }
}
