package io.skyrtc.signaling.ops;

import io.skyrtc.signaling.deploy.RepoFiles;
import io.skyrtc.signaling.testing.PrometheusText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names docs/OPERATIONS.md documents, read as an operator reads its tables: a full name in
 * backticks ({@code `skyrtc_jetty_threads_busy`}), and on the same line shorthand siblings that replace its
 * tail ({@code `_idle`} = {@code skyrtc_jetty_threads_idle}; {@code `_max`} after a histogram = its
 * {@code _max} gauge).
 */
final class MetricsDocs {
    private static final Pattern CODE = Pattern.compile("`([A-Za-z0-9_]+)`");

    private MetricsDocs() {}

    /** The {@code skyrtc_*} families of a scrape that docs/OPERATIONS.md does not name. */
    static Set<String> undocumented(PrometheusText scrape) throws IOException {
        List<String> lines = Files.readAllLines(RepoFiles.path("docs/OPERATIONS.md"), StandardCharsets.UTF_8);
        Set<String> missing = new TreeSet<>();
        for (String family : scrape.types.keySet()) {
            String base = family.endsWith("_total") ? family.substring(0, family.length() - "_total".length()) : family;
            if (family.startsWith("skyrtc_") && lines.stream().noneMatch(l -> names(l, base))) {
                missing.add(family);
            }
        }
        return missing;
    }

    /** Whether this line names {@code family} (with or without {@code _total}), in full or as a sibling. */
    static boolean names(String line, String family) {
        List<String> full = new ArrayList<>();
        List<String> tails = new ArrayList<>();
        Matcher m = CODE.matcher(line);
        while (m.find()) {
            String name = strip(m.group(1));
            if (name.startsWith("skyrtc_")) {
                full.add(name);
            } else if (name.startsWith("_")) {
                tails.add(name);
            }
        }
        for (String name : full) {
            if (name.equals(family)) {
                return true;
            }
            for (String tail : tails) {
                // a prefix of the full name, cut at an underscore (or the whole name), plus the tail
                for (int cut = name.length(); cut > "skyrtc".length(); cut = name.lastIndexOf('_', cut - 1)) {
                    if ((name.substring(0, cut) + tail).equals(family)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String strip(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }
}
