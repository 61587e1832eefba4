# Throwaway certificates for the TLS tests (source after lib.sh), made with openssl under
# $WORK/certs:
#   make_ca                      ca.pem, ca.key: a CA that only these tests trust
#   make_cert NAME SANS [DAYS]   NAME.pem, NAME.key: signed by that CA for SANS
#                                (e.g. "DNS:localhost,IP:127.0.0.1"); DAYS -1 is expired
CERTS="$WORK/certs"

make_ca() {
  mkdir -p "$CERTS"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=flowhook test CA" -keyout "$CERTS/ca.key" -out "$CERTS/ca.pem" 2>"$CERTS/openssl.err" ||
    { fail "openssl (CA): $(cat "$CERTS/openssl.err")"; finish; }
}

make_cert() {
  local name=$1 sans=$2 days=${3:-2}
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
    -keyout "$CERTS/$name.key" -out "$CERTS/$name.csr" 2>"$CERTS/openssl.err" &&
    openssl x509 -req -in "$CERTS/$name.csr" -CA "$CERTS/ca.pem" -CAkey "$CERTS/ca.key" \
      -CAcreateserial -days "$days" -out "$CERTS/$name.pem" \
      -extfile <(printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\n' "$sans") 2>"$CERTS/openssl.err" ||
    { fail "openssl ($name): $(cat "$CERTS/openssl.err")"; finish; }
}
