package org.maftia.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The values the macro benchmarks' options take (numbers, lists of numbers, times), each parsed
 * strictly: a bad value is an {@link IllegalArgumentException} naming the option, the value and
 * what is expected.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /**
     * The options of the benchmark named {@code name} (as its messages begin), or null when the
     * arguments ask for help (its {@code usage} printed); a bad option prints one line and exits
     * with 2.
     */
    public static <T> T parseOrExit(String name, String usage, String[] args, Function<String[], T> parse) {
        if (args.length > 0 && List.of("-h", "--help", "help").contains(args[0])) {
            System.out.print(usage);
            return null;
        }
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return null;
        }
    }

    /** A comma-separated list of whole numbers, each at least {@code least}. */
    public static List<Integer> numbers(String option, String value, int least) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(number(option, part.strip(), least));
        }
        return List.copyOf(list);
    }

    /** A whole number of at least {@code least}. */
    public static int number(String option, String value, int least) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(option + " '" + value + "': expected a whole number of at least " + least);
    }

    /** A time such as 5s, 500ms or 1m, not negative, and above zero if {@code positive}. */
    public static Duration duration(String option, String value, boolean positive) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d = v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                    : v.endsWith("s") ? Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000))
                    : v.endsWith("m") ? Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60)
                    : null;
            if (d != null && !d.isNegative() && !(positive && d.isZero())) {
                return d;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(option + " '" + value + "': expected a time such as 5s, 500ms or 1m"
                + (positive ? ", above zero" : ""));
    }
}
