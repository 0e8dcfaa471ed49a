package org.maftia.testkit.property;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Equality and display of recorded values: byte arrays, the usual payloads, compare by content. */
final class Values {

    /** Longest value shown whole in a violation message. */
    static final int SHOWN = 48;

    private Values() {
    }

    /** A value as a key of a set or map, with content equality for arrays. */
    record Key(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.deepEquals(value, k.value);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {value});
        }
    }

    static boolean equal(Object a, Object b) {
        return Objects.deepEquals(a, b);
    }

    /** Byte arrays as text when they are printable, else as hex; long values cut. */
    static String show(Object value) {
        String s = switch (value) {
            case byte[] b when printable(b) -> "'" + new String(b, StandardCharsets.US_ASCII) + "'";
            case byte[] b -> b.length + " bytes 0x" + HexFormat.of().formatHex(b, 0, Math.min(b.length, SHOWN / 2));
            case String str -> "'" + str + "'";
            case null -> "null";
            default -> String.valueOf(value);
        };
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }

    static String show(List<?> values) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < values.size(); k++) {
            if (k == 8) {
                return b.append(", ... ").append(values.size() - k).append(" more]").toString();
            }
            b.append(k == 0 ? "" : ", ").append(show(values.get(k)));
        }
        return b.append("]").toString();
    }

    private static boolean printable(byte[] b) {
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
