package org.maftia.appia;

/** A QoS definition is not a valid composition of layers (spec 2.1.3, class QoS). */
public class AppiaInvalidQoS extends AppiaException {

    public AppiaInvalidQoS(String message) {
        super(message);
    }
}
