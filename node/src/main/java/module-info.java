/**
 * The {@code maftia} command line: an application, it exports nothing. Picocli builds the
 * commands from their annotations and injects options into their fields by reflection.
 */
module org.maftia.node {
    requires org.maftia.appia;
    requires org.maftia.net;
    requires org.maftia.crypto;
    requires org.maftia.ttcb;
    requires org.maftia.group;
    requires org.maftia.replication;
    requires org.maftia.tx;
    requires com.fasterxml.jackson.databind;
    requires ch.qos.logback.classic;
    requires org.slf4j;
    requires info.picocli;

    opens org.maftia.node.cli to info.picocli;
}
