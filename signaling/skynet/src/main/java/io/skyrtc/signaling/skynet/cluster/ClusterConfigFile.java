package io.skyrtc.signaling.skynet.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A skynet cluster config file read the way skynet's clusterd reads it: the file is a Lua chunk run
 * with an empty table as its environment, and every global it sets is a node. So comments, several
 * assignments on a line, {@code local} helpers and {@code ..} all work. The chunk runs in a sandbox: its
 * environment has nothing in it (no io, os, require, load, print), and it is stopped after
 * {@value #MAX_INSTRUCTIONS} VM instructions. Kept from the result: string names whose value is a
 * {@code "host:port"} string, or {@code false} (the node is down); {@code __options} and everything
 * else (numbers, tables, helper strings that are not host:port) are skipped, as skynet would not
 * connect to them either.
 */
final class ClusterConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfigFile.class);
    /** A config file is a handful of assignments; a loop that runs this long is a mistake. */
    static final int MAX_INSTRUCTIONS = 1_000_000;
    private static final int HOOK_EVERY = 1_000;

    private ClusterConfigFile() {}

    /** The nodes the chunk defines; {@link IllegalArgumentException} when it does not compile or run. */
    static Map<String, String> read(String text, String source) {
        // The chunk's environment must be a Globals for LuaJ to run the instruction hook, so: a Globals with
        // the compiler, the debug library only long enough to set the hook, then emptied (no functions
        // at all are visible to the chunk, as skynet's empty environment table)
        Globals env = new Globals();
        LoadState.install(env);
        LuaC.install(env);
        env.load(new PackageLib());
        env.load(new DebugLib());
        try {
            LuaValue chunk = env.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "@" + source,
                    "t", env);
            env.get("debug").get("sethook").invoke(LuaValue.varargsOf(new LuaValue[] {budget(), LuaValue.EMPTYSTRING,
                    LuaValue.valueOf(HOOK_EVERY)}));
            for (LuaValue k : env.keys()) {
                env.rawset(k, LuaValue.NIL);
            }
            chunk.call();
        } catch (LuaError e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs next = env.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            LuaValue v = next.arg(2);
            if (!k.isstring() || k.isnumber() || k.tojstring().startsWith("__")) {
                continue;
            }
            String name = k.tojstring();
            if (v.isboolean() && !v.toboolean()) {
                out.put(name, "false");
            } else if (v.isstring() && !v.isnumber()) {
                if (isHostPort(name, v.tojstring())) {
                    out.put(name, v.tojstring());
                } else {
                    LOG.warn("{}: {} = \"{}\" is not host:port; skipped", source, name, v.tojstring());
                }
            }
        }
        return out;
    }

    private static boolean isHostPort(String name, String value) {
        try {
            ClusterNodes.hostPort(name, value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A count hook that stops the chunk once it has run {@link #MAX_INSTRUCTIONS} instructions. */
    private static LuaValue budget() {
        return new ZeroArgFunction() {
            private int calls;

            @Override
            public LuaValue call() {
                if (++calls * HOOK_EVERY > MAX_INSTRUCTIONS) {
                    throw new LuaError("stopped after " + MAX_INSTRUCTIONS + " instructions (a loop that does not end?)");
                }
                return NONE;
            }
        };
    }
}
