#!/usr/bin/env python3
"""A skynet-like cluster node for skyrtc's tests, built on the reference peer (skycluster.py, next to
this file). It prints one JSON line per thing that happens, so a test can follow it:

  peer.py serve [PORT]   listen on 127.0.0.1:PORT (0 = ephemeral); prints {"kind":"listening","port":N}
    .rtc_events / @rtc_events  "hello", t       -> prints {"kind":"hello", ...t}, returns true
                               "room_event", ev -> prints {"kind":"event", ...ev}, returns true
                               (env PEER_RAISE_ON=<event name>: raises for that event instead)
                               "room_events", {ev..} -> prints each as above with "batch": N
                               (env PEER_BATCH=1: hello answers {batch=true}, as rtc_cluster.lua)
    also registered as .rtc_cluster / @rtc_cluster (skyrtc's default eventsAddress)
  env PEER_THREADED=1: each call in its own thread (answers may come back in any order)

  peer.py bench HOST:PORT SECONDS ADDR ARG...   one call after another for SECONDS; prints
    {"kind":"bench","calls":N,"seconds":S,"p50ms":..,"p99ms":..}
    .echo / @echo              returns its arguments (large ones too)
    .pushes                    "count" -> how many pushes .echo received
"""
import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skycluster  # noqa: E402

out_lock = threading.Lock()


def emit(obj):
    with out_lock:
        sys.stdout.write(json.dumps(skycluster._jsonable(obj)) + "\n")
        sys.stdout.flush()


def main(argv):
    port = int(argv[2]) if len(argv) > 2 else 0
    # PEER_THREADED=1: every call in its own thread (answers in any order, as skynet's coroutines);
    # otherwise one at a time per connection, which keeps delivery order visible in what is printed
    srv = skycluster.ClusterServer("127.0.0.1", port, threaded=os.environ.get("PEER_THREADED") == "1")
    raise_on = os.environ.get("PEER_RAISE_ON")
    pushes = [0]
    batch = os.environ.get("PEER_BATCH") == "1"

    def rtc_events(cmd, payload=None):
        if cmd == "hello":
            emit(dict(kind="hello", **payload))
            return {"batch": True} if batch else True
        if cmd == "room_events":
            for ev in payload:
                if raise_on and ev.get("type") == raise_on:
                    raise RuntimeError("refusing " + raise_on)
                emit(dict(kind="event", batch=len(payload), **ev))
            return True
        if cmd == "room_event":
            if raise_on and payload.get("type") == raise_on:
                raise RuntimeError("refusing " + raise_on)
            emit(dict(kind="event", **payload))
            return True
        raise RuntimeError("unknown command %r" % (cmd,))

    def echo(*args):
        if args and args[0] == "push":
            pushes[0] += 1
        return tuple(args)

    srv.register(rtc_events, ".rtc_events", "rtc_events")
    srv.register(rtc_events, ".rtc_cluster", "rtc_cluster")
    srv.register(echo, ".echo", "echo")
    srv.register(lambda cmd: pushes[0], ".pushes", "pushes")
    emit(dict(kind="listening", port=srv.address[1]))
    srv.serve_forever()


def bench(argv):
    import time
    host, port = argv[2].rsplit(":", 1)
    seconds = float(argv[3])
    addr = skycluster._parse_addr(argv[4])
    args = [skycluster._parse_arg(a) for a in argv[5:]]
    c = skycluster.ClusterClient(host, int(port))
    for _ in range(200):                       # warm up
        c.call(addr, *args)
    times = []
    end = time.perf_counter() + seconds
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        if t0 >= end:
            break
        c.call(addr, *args)
        times.append(time.perf_counter() - t0)
    took = time.perf_counter() - start
    c.close()
    times.sort()
    emit(dict(kind="bench", calls=len(times), seconds=took, p50ms=times[len(times) // 2] * 1000,
              p99ms=times[int(len(times) * 0.99)] * 1000))


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "bench":
        bench(sys.argv)
    elif len(sys.argv) >= 2 and sys.argv[1] == "serve":
        main(sys.argv)
    else:
        print(__doc__)
        sys.exit(2)
