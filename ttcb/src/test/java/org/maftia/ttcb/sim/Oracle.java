package org.maftia.ttcb.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;

/** The decision functions of spec 2.2.3.3 written again, independently, to check results against (AS4). */
public final class Oracle {

    public record Expected(byte[] value, long ok, long any) {
    }

    private Oracle() {
    }

    public static Expected expected(DecisionFunction f, List<Eid> elist, Map<Eid, byte[]> proposed) {
        long any = 0;
        for (int i = 0; i < elist.size(); i++) {
            if (proposed.containsKey(elist.get(i))) {
                any |= 1L << i;
            }
        }
        byte[] value;
        switch (f) {
            case TBA_RMULTICAST -> {
                value = proposed.get(elist.getFirst());
                if (value == null) {
                    return new Expected(new byte[0], 0, any);
                }
            }
            case TBA_MAJORITY, TBA_TEQUALITY -> {
                value = null;
                int best = 0;
                for (Eid e : elist) {
                    byte[] v = proposed.get(e);
                    if (v == null) {
                        continue;
                    }
                    int count = (int) proposed.entrySet().stream()
                            .filter(x -> elist.contains(x.getKey()) && Arrays.equals(x.getValue(), v)).count();
                    if (count > best) {
                        best = count;
                        value = v;
                    }
                }
            }
            case TBA_KEY -> {
                return new Expected(null, any == (1L << elist.size()) - 1 ? any : 0, any);
            }
            default -> throw new IllegalStateException();
        }
        long ok = 0;
        for (int i = 0; i < elist.size(); i++) {
            byte[] v = proposed.get(elist.get(i));
            if (v != null && Arrays.equals(v, value)) {
                ok |= 1L << i;
            }
        }
        return new Expected(value, ok, any);
    }
}
