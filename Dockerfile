# skyrtc image: build with the Maven wrapper, run the shaded jar on a slim JRE 17 as a non-root user.
#   docker build -t skyrtc:local .
#   docker run -p 8080:8080 -e SKYRTC_AUTH_ROOM_TOKEN_SECRET=$(openssl rand -hex 32) skyrtc:local
# Any skyrtc command works as arguments (default: serve), e.g. `docker run --rm skyrtc:local config keys`.

FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package \
 && cp signaling/target/skyrtc.jar /skyrtc.jar

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN groupadd --system --gid 10001 skyrtc \
 && useradd --system --uid 10001 --gid skyrtc --home-dir /app --shell /usr/sbin/nologin skyrtc \
 && mkdir -p /app /var/lib/skyrtc/coturn \
 && chown skyrtc:skyrtc /var/lib/skyrtc/coturn
COPY --from=build /skyrtc.jar /app/skyrtc.jar
# an AppCDS archive written by this image's JVM: the classes a warm-up loads (the whole signaling
# path) start from it, cutting start-up CPU by about a quarter (README "Start-up"); without it the
# server starts as before
RUN java -XX:ArchiveClassesAtExit=/app/skyrtc.jsa -jar /app/skyrtc.jar warm-up --millis 3000 >/dev/null 2>&1 \
 || echo "no AppCDS archive written; skyrtc starts without one"
USER skyrtc:skyrtc
WORKDIR /app
# a fixed heap (-Xms = -Xmx): G1 sizes its young generation to it and collects less often (README);
# /metrics and /livez on a plain-HTTP port of their own (server.metrics.port), whatever 8080 speaks
ENV JAVA_HEAP=512m \
    SKYRTC_SERVER_PORT=8080 \
    SKYRTC_SERVER_METRICS_PORT=9090
EXPOSE 8080 9090
# /livez over bash's /dev/tcp: the JRE image has no curl (nor a TLS client), and a JVM per probe would be
# heavy. Probed on the metrics port, which is plain HTTP even when 8080 terminates TLS (server.tls.*);
# the main port when SKYRTC_SERVER_METRICS_PORT is unset
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SKYRTC_SERVER_METRICS_PORT:-$SKYRTC_SERVER_PORT} && printf 'GET /livez HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
# the JVM in the foreground as PID 1's only child: SIGTERM reaches it and triggers the graceful stop
ENTRYPOINT ["sh", "-c", "exec java -Xms${JAVA_HEAP} -Xmx${JAVA_HEAP} -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/app/skyrtc.jsa -jar /app/skyrtc.jar \"$@\"", "skyrtc"]
CMD ["serve"]
