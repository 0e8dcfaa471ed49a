/**
 * The multipoint network (spec 3.1, 5.1): the network layers, the authenticated link, group
 * configuration and site addressing are all what an application assembles its channel from, so
 * every package is exported. Layers and their events extend the kernel's classes, hence
 * {@code requires transitive} on appia.
 */
module org.maftia.net {
    requires transitive org.maftia.appia;
    requires org.bouncycastle.provider;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;

    exports org.maftia.net;
    exports org.maftia.net.client;
    exports org.maftia.net.group;
    exports org.maftia.net.link;
    exports org.maftia.net.probe;
    exports org.maftia.net.tcp;
    exports org.maftia.net.transport;
    exports org.maftia.net.udp;
}
