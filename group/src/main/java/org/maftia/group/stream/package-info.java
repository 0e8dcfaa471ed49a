/**
 * What the streams of spec 3.2 share below the application API: the items a stream carries
 * ({@link org.maftia.group.stream.StreamEntry}), payloads numbered by their origin and closes.
 */
package org.maftia.group.stream;
