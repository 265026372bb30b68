package io.skyrtc.signaling.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.skyrtc.signaling.http.HttpError;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/** {@code admin loglevel LOGGER LEVEL}: a logger's level, changed in the running process (logback). */
public final class LogLevels {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,200}");

    /** The reply: the logger, its level now, and before (null = inherited from its parent). */
    record Change(String logger, String level, String previous, String effective) {}

    private LogLevels() {}

    /**
     * {@code logging.levels} at start and on a reload: each logger gets its level; one in
     * {@code previous} but no longer in {@code levels} inherits again. Without logback, nothing.
     */
    public static void apply(java.util.Map<String, String> levels, java.util.Map<String, String> previous) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        previous.keySet().stream().filter(name -> !levels.containsKey(name))
                .forEach(name -> loggerOf(context, name).setLevel(name.equalsIgnoreCase("root") ? Level.INFO : null));
        levels.forEach((name, level) -> loggerOf(context, name).setLevel(Level.toLevel(level)));
    }

    private static Logger loggerOf(LoggerContext context, String name) {
        return context.getLogger(name.equalsIgnoreCase("root") ? Logger.ROOT_LOGGER_NAME : name);
    }

    /** {@code level}: TRACE, DEBUG, INFO, WARN, ERROR, OFF, or INHERIT (take the parent's again). */
    static Change set(String logger, String level) throws HttpError {
        if (logger == null || !NAME.matcher(logger).matches()) {
            throw HttpError.badRequest("logger", "a logger name (letters, digits, . _ $ -; ROOT for all)");
        }
        String upper = level == null ? "" : level.toUpperCase(java.util.Locale.ROOT);
        Level parsed = switch (upper) {
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF" -> Level.toLevel(upper);
            case "INHERIT" -> null;
            default -> throw HttpError.badRequest("level", "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, INHERIT");
        };
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new HttpError(501, "unsupported", "the log backend is not logback", null, null);
        }
        Logger target = context.getLogger(logger.equalsIgnoreCase("root") ? Logger.ROOT_LOGGER_NAME : logger);
        if (parsed == null && target.getName().equals(Logger.ROOT_LOGGER_NAME)) {
            throw HttpError.badRequest("level", "ROOT has no parent to inherit from");
        }
        Level before = target.getLevel();
        target.setLevel(parsed);
        return new Change(target.getName(), parsed == null ? null : parsed.toString(),
                before == null ? null : before.toString(), target.getEffectiveLevel().toString());
    }
}
