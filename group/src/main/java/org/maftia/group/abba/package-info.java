/**
 * ABBA, binary Byzantine agreement (spec 5.2.1.1, Protocol 3; Cachin, Kursawe and Shoup). With
 * n > 3t: all honest parties that decide, decide the same bit; if all honest parties propose b,
 * they decide b; every honest party decides with probability 1 (expected constant rounds).
 *
 * <p>Classes: {@link org.maftia.group.abba.AbbaRounds} runs the rounds (lines 4-25) for both
 * variants; {@link org.maftia.group.abba.Abba} is Protocol 3, whose pre-processing (lines 1-3)
 * justifies round 1; {@link org.maftia.group.abba.ValidatedAbba} is the validated and biased
 * variant of spec 5.2.1.2; {@code Rounds} keeps the rounds' votes and says which count.
 *
 * <p>Messages ({@link org.maftia.group.abba.AbbaMessage}): pre-process (b, S'-share), pre-vote
 * (r, b, justification, S-share), main-vote (r, 0|1|abstain, justification, S-share), coin (r,
 * coin share). A party that decides in round d takes part in round d+1 up to its main vote, then
 * frees its state; parties that decide in d+1 keep waiting in d+2 until aborted.
 *
 * <p>Validated variant: no pre-processing (lines 1-3 only build the round-1 justification); each
 * party pre-votes its own value in round 1 justified by the external proof it proposed
 * (justification kind 3, accepted only in round 1), refused and counted when the validator
 * rejects it. An abstention carries two pre-vote justifications, so proofs are bounded far below
 * a frame ({@link org.maftia.group.core.WireLimits#proofBytes}): a proof the decoder let through
 * must fit in every honest abstention that embeds it. The decision comes with a proof for it: a
 * round-1 decision follows a pre-vote for it this party collected, a later one a round-1
 * abstention it collected, which carries proofs for both values. Biased towards b, the coin of
 * round 1 is b and is never tossed: b is decided whenever round 1's main votes conflict (so
 * whenever t+1 honest parties propose b). Without pre-processing, unanimous honest inputs are
 * decided only if the corrupted parties hold no valid proof for the other value: the guarantee is
 * external validity, as in the validated agreement of Cachin, Kursawe, Petzold and Shoup.
 */
package org.maftia.group.abba;
