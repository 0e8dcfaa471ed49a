package org.maftia.net.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Base64;
import java.util.TreeMap;

/**
 * Writes a group as the YAML {@link GroupConfigLoader} reads back to an equal group. Every text
 * value is quoted, so a name or host that YAML would read as something else ({@code yes},
 * {@code 007}, {@code ~}, {@code [::1]:7100}) stays the text it is.
 */
public final class GroupConfigWriter {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private GroupConfigWriter() {
    }

    public static String yaml(GroupConfig group, String headerComment) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode root = YAML.createObjectNode();
        root.put("group", group.groupId());
        root.put("t", group.t());
        if (group.clients().admitsAny()) {
            root.put("clients", "any");
        } else {
            ArrayNode clients = root.putArray("clients");
            group.clients().listed().forEach((name, key) ->
                    clients.addObject().put("name", name).put("key", base64.encodeToString(key)));
        }
        ArrayNode sites = root.putArray("sites");
        for (SiteConfig s : group.sites()) {
            ObjectNode site = sites.addObject();
            site.put("id", s.id());
            site.put("address", s.address().toString());
            s.clientEndpoint().ifPresent(a -> site.put("clientAddress", a.toString()));
            site.put("linkKey", base64.encodeToString(s.linkPublicKey()));
            if (!s.publicKeys().isEmpty()) {
                ObjectNode keys = site.putObject("keys");
                new TreeMap<>(s.publicKeys()).forEach((scheme, key) -> keys.put(scheme, base64.encodeToString(key)));
            }
        }
        try {
            return headerComment.lines().map(l -> "# " + l + "\n").reduce("", String::concat) + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text and numbers always serialises", e);
        }
    }
}
