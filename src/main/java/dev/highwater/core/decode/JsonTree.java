package dev.highwater.core.decode;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A JSON value as a tree of labelled nodes, for a tree view: "name: value" leaves, "name {n}" branches. */
public record JsonTree(String label, List<JsonTree> children) {

    /** Children past this many per node are summarised in one node, so a huge array stays browsable. */
    public static final int MAX_CHILDREN = 1_000;

    public static JsonTree of(String rootLabel, String json) {
        return node(rootLabel, JsonParser.parseString(json));
    }

    private static JsonTree node(String name, JsonElement e) {
        if (e.isJsonObject()) {
            List<JsonTree> kids = new ArrayList<>();
            int n = 0;
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (n++ == MAX_CHILDREN) {
                    kids.add(new JsonTree("… " + (e.getAsJsonObject().size() - MAX_CHILDREN) + " more fields", List.of()));
                    break;
                }
                kids.add(node(m.getKey(), m.getValue()));
            }
            return new JsonTree(name + " {" + e.getAsJsonObject().size() + "}", kids);
        }
        if (e.isJsonArray()) {
            List<JsonTree> kids = new ArrayList<>();
            var a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                if (i == MAX_CHILDREN) {
                    kids.add(new JsonTree("… " + (a.size() - MAX_CHILDREN) + " more items", List.of()));
                    break;
                }
                kids.add(node("[" + i + "]", a.get(i)));
            }
            return new JsonTree(name + " [" + a.size() + "]", kids);
        }
        return new JsonTree(name + ": " + e, List.of());
    }
}
