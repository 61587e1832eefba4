#!/usr/bin/env bash
# Go's net/http drives listen (Debian's golang-go, offline: GOTOOLCHAIN=local GOPROXY=off, caches
# under $WORK): a keep-alive Client, a body of unknown length (sent chunked), Expect:
# 100-continue with Transport.ExpectContinueTimeout, a gzipped body, and 401 to a request
# without the token; every body recorded exactly once, byte for byte.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/interop.sh"

command -v go >/dev/null || { echo "go is not installed (golang-go, .ci/install-deps --tests)"; exit 77; }
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GO111MODULE=off GOCACHE="$WORK/go/cache" GOPATH="$WORK/go/path"
interop_payloads 8
mkdir -p "$WORK/go/src"
cat >"$WORK/go/src/drive.go" <<'GO'
package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	url, folder := "http://127.0.0.1:"+os.Args[1]+"/hooks", os.Args[2]
	body := func(i int, suffix string) []byte {
		b, err := os.ReadFile(fmt.Sprintf("%s/%d.json%s", folder, i, suffix))
		if err != nil {
			panic(err)
		}
		return b
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: 1, ExpectContinueTimeout: 5 * time.Second}}
	post := func(what string, reader io.Reader, length int64, headers map[string]string, want int) {
		req, _ := http.NewRequest("POST", url, reader)
		req.ContentLength = length
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer s3cret")
		for k, v := range headers {
			if v == "" {
				req.Header.Del(k)
			} else {
				req.Header.Set(k, v)
			}
		}
		res, err := client.Do(req)
		if err != nil {
			fmt.Println(what, err)
			os.Exit(1)
		}
		text, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			fmt.Println(what, res.StatusCode, string(text))
			os.Exit(1)
		}
	}
	for i := 1; i <= 4; i++ { // keep-alive, with a length
		b := body(i, "")
		post(fmt.Sprint("plain ", i), bytes.NewReader(b), int64(len(b)), nil, 200)
	}
	// Unknown length: chunked.
	post("chunked", io.MultiReader(bytes.NewReader(body(5, "")[:9]), bytes.NewReader(body(5, "")[9:])), -1, nil, 200)
	b6 := body(6, "")
	post("expect", bytes.NewReader(b6), int64(len(b6)), map[string]string{"Expect": "100-continue"}, 200)
	post("expect without the token", bytes.NewReader(b6), int64(len(b6)),
		map[string]string{"Expect": "100-continue", "Authorization": ""}, 401)
	b7 := body(7, ".gz")
	post("gzip", bytes.NewReader(b7), int64(len(b7)), map[string]string{"Content-Encoding": "gzip"}, 200)
	b8 := body(8, "")
	post("no token", bytes.NewReader(b8), int64(len(b8)), map[string]string{"Authorization": ""}, 401)
	post("after a 401", bytes.NewReader(b8), int64(len(b8)), nil, 200)
	fmt.Println("ok")
}
GO
(cd "$WORK/go/src" && timeout 240 go build -o "$WORK/go/drive" drive.go) >"$WORK/go.build" 2>&1 || fail "go build: $(cat "$WORK/go.build")"
start_listener go --record "$WORK/rec.ndjson" --path /hooks --bearer s3cret
timeout 60 "$WORK/go/drive" "$PORT" "$WORK/p" >"$WORK/go.out" 2>&1 || fail "go client: $(cat "$WORK/go.out")"
wait_lines "$WORK/rec.ndjson" 8
stop_listener "$LISTENER_PID"
expect_recorded "$WORK/rec.ndjson" "$(seq_ids 1 8)"
[[ $(jq -r 'select(.body.order.Id == 5) | .headers[] | select(.[0] == "Transfer-Encoding") | .[1]' "$WORK/rec.ndjson") == chunked ]] ||
  fail "Go did not send the body of unknown length chunked"
[[ $(jq -r '.headers[] | select(.[0] == "User-Agent") | .[1]' "$WORK/rec.ndjson" | grep -c '^Go-http-client/1.1$') == 8 ]] ||
  fail "not every record came from Go's client"
# The 401 to the Expect came before the body (a refusal), the other after it (a delivery).
grep -qF "answers: 200 x8, 401 x1" "$WORK/go.err" && grep -qF "refused before delivery: 401 x1" "$WORK/go.err" ||
  fail "summary: $(cat "$WORK/go.err")"
finish
