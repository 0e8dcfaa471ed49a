package org.maftia.net.group;

import java.util.regex.Pattern;

/**
 * The names a group and its clients go by. They end up in YAML, in log lines and (a client's) in
 * a directory name, so they are kept to characters that need no quoting or escaping anywhere and
 * cannot name another directory ({@code .}, {@code ..}).
 */
public final class GroupNames {

    /** The rule, as error messages state it. */
    public static final String RULE = "1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private GroupNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
