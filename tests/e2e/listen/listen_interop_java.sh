#!/usr/bin/env bash
# Java 17's java.net.http.HttpClient drives listen: its default HTTP_2 version over http://
# tries an h2c upgrade (answered in HTTP/1.1), then HTTP_1_1 with keep-alive, a body publisher
# of unknown length (chunked), expectContinue(true), a gzipped body and 401 without the token;
# every body recorded exactly once, byte for byte. Java is not among the test packages (a JDK
# is large): without `java` and `javac` this part is skipped, the rest of the suite is not.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

command -v java >/dev/null && command -v javac >/dev/null || { echo "no Java (java and javac) on this machine"; exit 77; }
interop_payloads 7
start_listener java --record "$WORK/rec.ndjson" --path /hooks --bearer s3cret
cat >"$WORK/Drive.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

public class Drive {
    static byte[] body(String folder, int i, String suffix) throws Exception {
        return Files.readAllBytes(Path.of(folder, i + ".json" + suffix));
    }
    static void check(String what, HttpResponse<String> r, int want) {
        if (r.statusCode() != want) throw new RuntimeException(what + ": " + r.statusCode() + " " + r.body());
    }
    public static void main(String[] args) throws Exception {
        URI url = URI.create("http://127.0.0.1:" + args[0] + "/hooks");
        String folder = args[1];
        HttpRequest.Builder base = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").header("Authorization", "Bearer s3cret");
        // The default version is HTTP_2: over http:// the client asks for an h2c upgrade.
        HttpClient h2 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = h2.send(base.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body(folder, 1, ""))).build(),
            HttpResponse.BodyHandlers.ofString());
        check("h2c upgrade attempt", r, 200);
        if (r.version() != HttpClient.Version.HTTP_1_1) throw new RuntimeException("answered in " + r.version());
        HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 2; i <= 3; i++)
            check("keep-alive " + i, h1.send(base.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body(folder, i, ""))).build(),
                HttpResponse.BodyHandlers.ofString()), 200);
        // Unknown length: chunked.
        byte[] b4 = body(folder, 4, "");
        check("chunked", h1.send(base.copy().POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(b4))).build(),
            HttpResponse.BodyHandlers.ofString()), 200);
        check("expect", h1.send(base.copy().expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(body(folder, 5, ""))).build(),
            HttpResponse.BodyHandlers.ofString()), 200);
        check("gzip", h1.send(base.copy().header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body(folder, 6, ".gz"))).build(),
            HttpResponse.BodyHandlers.ofString()), 200);
        HttpRequest noToken = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body(folder, 7, ""))).build();
        check("no token", h1.send(noToken, HttpResponse.BodyHandlers.ofString()), 401);
        check("with the token", h1.send(base.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body(folder, 7, ""))).build(),
            HttpResponse.BodyHandlers.ofString()), 200);
        System.out.println("ok");
    }
}
JAVA
(cd "$WORK" && timeout 120 javac -d "$WORK/classes" Drive.java) >"$WORK/javac.out" 2>&1 || fail "javac: $(cat "$WORK/javac.out")"
timeout 60 java -cp "$WORK/classes" Drive "$PORT" "$WORK/p" >"$WORK/java.out" 2>&1 || fail "java: $(cat "$WORK/java.out")"
wait_lines "$WORK/rec.ndjson" 7
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 7)"
[[ $(jq -r 'select(.body.order.Id == 1) | .headers[] | select(.[0] | ascii_downcase == "upgrade") | .[1]' "$WORK/rec.ndjson") == h2c ]] ||
  fail "Java did not try the h2c upgrade, so the test proved nothing"
[[ $(jq -r 'select(.body.order.Id == 4) | .headers[] | select(.[0] | ascii_downcase == "transfer-encoding") | .[1]' "$WORK/rec.ndjson") == chunked ]] ||
  fail "Java did not send the stream chunked"
finish
