/**
 * A group directory on disk, as the trusted dealer of spec 5.2.1 writes it
 * ({@code maftia keygen}): the public group file and public keys, and one owner-only directory of
 * private keys per site ({@link org.maftia.group.directory.GroupDirectory}); the dealer itself
 * ({@link org.maftia.group.directory.Dealer}); one threshold key file
 * ({@link org.maftia.group.directory.ThresholdKeyFile}). A site loads its part with
 * {@code Site.load(groupDirectory, id)}, which checks every share it reads.
 */
package org.maftia.group.directory;
