/**
 * ABBA, binary Byzantine agreement (spec 5.2.1.1, Protocol 3; Cachin, Kursawe and Shoup). With
 * n > 3t: all honest parties that decide, decide the same bit; if all honest parties propose b,
 * they decide b; every honest party decides with probability 1 (expected constant rounds).
 *
 * <p>Messages ({@link org.maftia.group.abba.AbbaMessage}): pre-process (b, S'-share), pre-vote
 * (r, b, justification, S-share), main-vote (r, 0|1|abstain, justification, S-share), coin (r,
 * coin share). A party that decides in round d takes part in round d+1 up to its main vote, then
 * frees its state; parties that decide in d+1 keep waiting in d+2 until aborted.
 */
package org.maftia.group.abba;
