package k8snet.grader.runner;

/** Just enough JSON writing for the runner's event lines (the runner stays free of Jackson on purpose). */
final class Json {

    private final StringBuilder out = new StringBuilder(256).append('{');

    Json put(String key, String value) {
        if (value == null) {
            return this;
        }
        comma();
        quote(key);
        out.append(':');
        quote(value);
        return this;
    }

    Json put(String key, long value) {
        comma();
        quote(key);
        out.append(':').append(value);
        return this;
    }

    Json put(String key, boolean value) {
        comma();
        quote(key);
        out.append(':').append(value);
        return this;
    }

    String line() {
        return out.append('}').append('\n').toString();
    }

    private void comma() {
        if (out.length() > 1) {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
