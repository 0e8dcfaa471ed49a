/**
 * Strict binary encodings shared by the schemes: fixed-width big-endian fields, a reader that
 * refuses truncated, extended or out-of-format input with a {@code MalformedEncodingException}
 * (docs/message-path.md: anything malformed is a clear error, never an index error).
 */
package org.maftia.crypto.codec;
