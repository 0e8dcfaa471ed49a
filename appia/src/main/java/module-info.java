/**
 * The Appia protocol kernel (spec 2.1): every package is the kernel's API, as 2.1.3 gives it.
 */
module org.maftia.appia {
    requires org.slf4j;

    exports org.maftia.appia;
    exports org.maftia.appia.message;
    exports org.maftia.appia.time;
}
