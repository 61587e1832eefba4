// A webhook receiver written with Go's net/http, for flowhook send's interop tests. Prints its
// port on the first line of stdout, then answers each request with the next step of -answers
// (the last step repeats):
//
//	STATUS        answer with that status (body "status N")
//	hints:STATUS  first 103 Early Hints (w.WriteHeader(103)), then STATUS
//
// Each request is logged to -log as one JSON line before it is answered: method, path,
// headers as [name, value] pairs, body_base64. -tls-cert and -tls-key make it speak https.
package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
)

func main() {
	answers := flag.String("answers", "200", "comma-separated steps")
	logPath := flag.String("log", "", "request log (NDJSON)")
	cert := flag.String("tls-cert", "", "certificate (PEM)")
	key := flag.String("tls-key", "", "key (PEM)")
	flag.Parse()
	steps := strings.Split(*answers, ",")
	var mu sync.Mutex
	count := 0
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		step := steps[min(count, len(steps)-1)]
		count++
		if *logPath != "" {
			headers := [][2]string{}
			for name, values := range r.Header {
				for _, value := range values {
					headers = append(headers, [2]string{name, value})
				}
			}
			line, _ := json.Marshal(map[string]any{"method": r.Method, "path": r.URL.RequestURI(),
				"headers": headers, "body_base64": base64.StdEncoding.EncodeToString(body)})
			f, err := os.OpenFile(*logPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err == nil {
				f.Write(append(line, '\n'))
				f.Close()
			}
		}
		mu.Unlock()
		kind, statusText, found := strings.Cut(step, ":")
		if !found {
			kind, statusText = "plain", step
		}
		status, _ := strconv.Atoi(statusText)
		if kind == "hints" {
			w.Header().Set("Link", "</style.css>; rel=preload; as=style")
			w.WriteHeader(http.StatusEarlyHints)
			w.Header().Del("Link")
		}
		text := fmt.Sprintf("status %d", status)
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", strconv.Itoa(len(text)))
		w.WriteHeader(status)
		io.WriteString(w, text)
	})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(listener.Addr().(*net.TCPAddr).Port)
	server := &http.Server{Handler: handler}
	if *cert != "" {
		err = server.ServeTLS(listener, *cert, *key)
	} else {
		err = server.Serve(listener)
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
