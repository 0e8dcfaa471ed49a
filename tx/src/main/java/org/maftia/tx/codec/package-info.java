/**
 * The byte encoding shared by the transaction service's operations, replies and snapshots:
 * big-endian integers, length-prefixed byte strings and UTF-8 text, read strictly. Not exported.
 */
package org.maftia.tx.codec;
